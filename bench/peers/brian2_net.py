#!/usr/bin/env python3
"""Brian2 twins of the SpikeForge benchmark scenarios, run in C++ standalone or Cython runtime mode.

Prints one JSON line: {"tool", "mode", "network", "neurons", "synapses", "spikes", "rate_hz",
"sim_s", "setup_s", "seed"}.  sim_s is Brian2's own timer: device._last_run_time (the time main.cpp
measures around the network run) in standalone mode, and time.perf_counter() around run() after a
run(0 ms) that generates and compiles every code object in Cython mode.

Networks (see bench/peers/README.md for the mapping to the SpikeForge scenario files):
  cuba     Brian2's examples/CUBA.py (Vogels & Abbott 2005) with p = 80/N, as Brian2's own speed test
           CUBAFixedConnectivity (brian2/tests/features/speed.py) scales it: weights unchanged, so every
           neuron keeps 64 excitatory and 16 inhibitory inputs on average and the rate stays that of N = 4000.
  coba     Brian2's examples/COBA.py (Brette et al. 2007, benchmark 1), N = 4000, p = 0.02.
  brunel   Brunel (2000) model A with delta synapses, 80,000 + 20,000 neurons, 1,000 inputs per neuron.
  sparse   bench/peers/scenarios/sparse-100k.yaml: 100,000 LIF neurons at about 1 Hz.
"""
import argparse
import json
import math
import os
import sys
import time


def build(net, n, dt_ms, method=None):
    from brian2 import (NeuronGroup, Synapses, SpikeMonitor, PoissonGroup, mV, ms, Hz)
    objs = []
    if net == 'cuba':
        ne = int(0.8 * n)
        taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
        Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
        eqs = '''
        dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
        dge/dt = -ge/taue : volt
        dgi/dt = -gi/taui : volt
        '''
        P = NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method='exact',
                        namespace=dict(taum=taum, taue=taue, taui=taui, Vt=Vt, Vr=Vr, El=El))
        P.v = 'Vr + rand() * (Vt - Vr)'
        P.ge = 0 * mV
        P.gi = 0 * mV
        we = (60 * 0.27 / 10) * mV
        wi = (-20 * 4.5 / 10) * mV
        Ce = Synapses(P, P, on_pre='ge += we', namespace=dict(we=we))
        Ci = Synapses(P, P, on_pre='gi += wi', namespace=dict(wi=wi))
        Ce.connect('i<ne', p=80.0 / n, namespace=dict(ne=ne))
        Ci.connect('i>=ne', p=80.0 / n, namespace=dict(ne=ne))
        objs += [P, Ce, Ci]
    elif net == 'coba':
        ne = int(0.8 * n)
        taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
        Vt, Vr, El = -50 * mV, -60 * mV, -60 * mV
        Erev_exc, Erev_inh, I = 0 * mV, -80 * mV, 20 * mV
        eqs = '''
        dv/dt  = (ge*(Erev_exc-v)+gi*(Erev_inh-v)-(v-El) + I)*(1./taum) : volt (unless refractory)
        dge/dt = -ge/taue : 1
        dgi/dt = -gi/taui : 1
        '''
        ns = dict(taum=taum, taue=taue, taui=taui, Vt=Vt, Vr=Vr, El=El, Erev_exc=Erev_exc, Erev_inh=Erev_inh, I=I)
        # Brian2's COBA example integrates with forward Euler; --method exponential_euler gives SpikeForge's default
        P = NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method=method or 'euler', namespace=ns)
        P.v = '-55*mV + 5*mV*randn()'
        P.ge = 0
        P.gi = 0
        Ce = Synapses(P, P, on_pre='ge += 6./10.')
        Ci = Synapses(P, P, on_pre='gi += 67./10.')
        Ce.connect('i<ne', p=0.02 * 4000 / n, namespace=dict(ne=ne))
        Ci.connect('i>=ne', p=0.02 * 4000 / n, namespace=dict(ne=ne))
        objs += [P, Ce, Ci]
    elif net in ('brunel', 'sparse'):
        # lif with delta synapses: tau dv/dt = -(v - v_rest); a spike adds its weight to v.
        # Delays: Brian2 adds a zero-delay spike at the end of its own step, which is SpikeForge's delay of
        # one step, so a SpikeForge delay d is Brian2's d - dt (1.5 ms -> 1.4 ms, 0.8 ms -> 0.7 ms).
        if net == 'brunel':
            ne, ni = int(0.8 * n), n - int(0.8 * n)
            v_rest, v_reset, v_th, t_ref = 0 * mV, 10 * mV, 20 * mV, 2 * ms
            p_rec, j_e, j_i, d_e, d_i = 0.01, 0.1 * mV, -0.5 * mV, 1.4 * ms, 1.4 * ms
            ext_rate, ext_w = 2000.0, 0.55 * mV
            v0 = 'v_rest + rand() * (v_th - v_rest)'
        else:
            ne, ni = int(0.8 * n), n - int(0.8 * n)
            v_rest, v_reset, v_th, t_ref = -70 * mV, -70 * mV, -50 * mV, 2 * ms
            p_rec, j_e, j_i, d_e, d_i = 0.0005, 1.5 * mV, -6 * mV, 1.4 * ms, 0.7 * ms
            ext_rate, ext_w = 8.0, 14 * mV
            v0 = 'v_rest + rand() * 15*mV'
        ns = dict(v_rest=v_rest, v_reset=v_reset, v_th=v_th, tau=20 * ms)
        eqs = 'dv/dt = -(v - v_rest)/tau : volt (unless refractory)'
        P = NeuronGroup(n, eqs, threshold='v>v_th', reset='v = v_reset', refractory=t_ref, method='exact', namespace=ns)
        P.v = v0
        # SpikeForge's Poisson source fires in a step with probability 1 - exp(-rate dt); Brian2's
        # PoissonGroup with probability rate dt. Matching the per-step probability makes the inputs equal.
        dt_s = dt_ms * 1e-3
        ext = PoissonGroup(n, rates=(-math.expm1(-ext_rate * dt_s) / dt_s) * Hz)
        S_ext = Synapses(ext, P, on_pre='v += w', namespace=dict(w=ext_w))
        S_ext.connect(j='i')
        Se = Synapses(P, P, on_pre='v += je', delay=d_e, namespace=dict(je=j_e))
        Si = Synapses(P, P, on_pre='v += ji', delay=d_i, namespace=dict(ji=j_i))
        Se.connect('i<ne and i != j', p=p_rec, namespace=dict(ne=ne))
        Si.connect('i>=ne and i != j', p=p_rec, namespace=dict(ne=ne))
        objs += [P, ext, S_ext, Se, Si]
    else:
        raise SystemExit(f"brian2_net.py: unknown network '{net}' (cuba, coba, brunel, sparse)")
    mon = SpikeMonitor(P, record=False)
    objs.append(mon)
    syn = [o for o in objs if isinstance(o, Synapses)]
    return objs, P, mon, syn


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--net', required=True)
    ap.add_argument('--n', type=int, required=True)
    ap.add_argument('--mode', choices=['standalone', 'cython'], required=True)
    ap.add_argument('--duration-ms', type=float, default=1000.0)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--build-dir', default='/tmp/spikeforge-peers/brian2')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--method', choices=['euler', 'exponential_euler'],
                    help='integration method of the coba network (default: euler, as Brian2\'s COBA example)')
    a = ap.parse_args()
    if a.method and a.net != 'coba':
        raise SystemExit('brian2_net.py: --method applies to --net coba only')

    t_start = time.perf_counter()
    import brian2
    from brian2 import (set_device, device, prefs, seed, defaultclock, ms, Network)
    brian2.BrianLogger.log_level_error()
    dt_ms = 0.1
    build_dir = os.path.join(a.build_dir, f'{a.net}-{a.n}' + (f'-{a.method}' if a.method else ''))
    if a.mode == 'standalone':
        set_device('cpp_standalone', build_on_run=False)
        if a.threads > 1:
            prefs.devices.cpp_standalone.openmp_threads = a.threads
    else:
        prefs.codegen.target = 'cython'
    defaultclock.dt = dt_ms * ms
    seed(a.seed)
    objs, P, mon, syn = build(a.net, a.n, dt_ms, a.method)
    net = Network(*objs)
    if a.mode == 'standalone':
        net.run(a.duration_ms * ms)
        # One build folder per network, kept between runs: Brian2 rewrites only changed files and make
        # recompiles only those, as for a user who runs the same script again.
        device.build(directory=build_dir, run=True, compile=True, clean=False)
        sim_s = device._last_run_time
    else:
        net.run(0 * ms)  # code generation and compilation happen here, outside the timed run
        t0 = time.perf_counter()
        net.run(a.duration_ms * ms)
        sim_s = time.perf_counter() - t0
    spikes = int(mon.num_spikes)
    synapses = int(sum(len(s) for s in syn))
    out = dict(tool='brian2', mode=a.mode, network=a.net, neurons=a.n, synapses=synapses, spikes=spikes,
               rate_hz=spikes / a.n / (a.duration_ms * 1e-3), sim_s=sim_s,
               setup_s=time.perf_counter() - t_start - sim_s, seed=a.seed, version=brian2.__version__, method=a.method)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
