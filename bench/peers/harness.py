#!/usr/bin/env python3
"""Peer harness: runs the same networks in Brian2 (C++ standalone, Cython runtime) and SpikeForge,
alternating them in one session, and writes BENCHMARKS.md. Called by bench/peers/run.sh.

Every run is a fresh process under /usr/bin/time -v (whole-process wall time, CPU time, peak resident
memory). Simulation time comes from each tool's own timer: SpikeForge's summary.json sim_s, Brian2's
device._last_run_time (standalone) or a timer around run() after run(0 ms) compiled everything (Cython).
Each configuration runs --reps times, interleaved (rep 1 of every configuration, then rep 2, ...); the
tables give the minimum, the best estimate on a machine shared with other work, and the median.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
HERE = os.path.join(ROOT, 'bench', 'peers')

# name -> SpikeForge scenario, Brian2 twin (network, N), Brian2 modes, whether the event mode applies
NETWORKS = {
    'cuba-4k': dict(scenario='simulations/examples/cuba.yaml', brian2=('cuba', 4000), modes=['standalone', 'cython'], event=False),
    'coba-4k': dict(scenario='simulations/examples/coba.yaml', brian2=('coba', 4000), modes=['standalone', 'cython'], event=False,
                    methods=dict(populations=['exc', 'inh'], default='exponential_euler', brian2_default='euler')),
    'cuba-40k': dict(scenario='bench/peers/scenarios/cuba-40k.yaml', brian2=('cuba', 40000), modes=['standalone', 'cython'], event=False),
    'cuba-100k': dict(scenario='bench/peers/scenarios/cuba-100k.yaml', brian2=('cuba', 100000), modes=['standalone', 'cython'], event=False),
    'brunel-100k': dict(scenario='bench/peers/scenarios/brunel-100k.yaml', brian2=('brunel', 100000), modes=['standalone'], event=False,
                        java_opts='-Xmx2g'),
    'sparse-100k': dict(scenario='bench/peers/scenarios/sparse-100k.yaml', brian2=('sparse', 100000), modes=['standalone'], event=True,
                        notes='Brian2 has no event-driven mode, and its `PoissonGroup` draws a random number for each of the '
                              '100,000 inputs in every step (10⁹ per simulated second), where SpikeForge\'s Poisson source jumps '
                              'geometrically from one spike to the next. The event mode\'s spike '
                              'times are exact (off the grid). Its rate is about 2 % above stepping: stepping tests the threshold '
                              'only at the end of each step and misses the crossings decided within one step\'s decay '
                              '(README, "Event-driven mode").'),
}
NETWORKS['cuba-100k']['notes'] = ('Connection probability 80/N with unchanged weights, as Brian2\'s own speed test scales CUBA '
                                  '(bench/peers/README.md); the rate stays that of CUBA-4k.')
NETWORKS['coba-4k']['notes'] = ('Brian2\'s COBA example integrates the membrane with forward Euler, SpikeForge\'s `coba_lif` by default '
                                'with exponential Euler; rows marked *method euler* run SpikeForge with Brian2\'s method (`--set '
                                'populations.exc.method=euler --set populations.inh.method=euler`), the row marked *method '
                                'exponential_euler* runs Brian2 with SpikeForge\'s default (`brian2_net.py --method exponential_euler`). '
                                'The last column divides every row by Brian2 standalone with its example\'s method.')
NETWORKS['brunel-100k']['notes'] = 'SpikeForge runs it with `JAVA_TOOL_OPTIONS=-Xmx2g`: stored connectivity in a 2 GB heap.'
QUICK = ['cuba-4k', 'coba-4k', 'cuba-100k', 'sparse-100k']
DEFAULT_BACKENDS = ['scalar', 'simd', 'simd/float32', 'simd:2', 'simd/float32:2', 'event']
BIG = 40000  # from this size on, multi-threaded backends also run with 2 threads


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), capture_output=True, text=True, **kw)


def machine():
    info = {}
    out = sh(['lscpu']).stdout
    for key in ('Model name', 'CPU(s)', 'Thread(s) per core', 'Core(s) per socket', 'Socket(s)', 'Flags'):
        m = re.search(rf'^{re.escape(key)}:\s*(.*)$', out, re.M)
        if m:
            info[key] = m.group(1).strip()
    caches = []
    conf = sh(['getconf', '-a']).stdout
    for key, label in (('LEVEL1_DCACHE_SIZE', 'L1d'), ('LEVEL2_CACHE_SIZE', 'L2'), ('LEVEL3_CACHE_SIZE', 'L3')):
        m = re.search(rf'^{key}\s+(\d+)', conf, re.M)
        if m and int(m.group(1)) > 0:
            caches.append(f'{label} {int(m.group(1)) // 1024} KiB')
    info['caches'] = '\n'.join(caches)
    flags = info.pop('Flags', '')
    info['simd'] = ' '.join(f for f in ('avx2', 'fma', 'avx512f', 'avx512bw', 'avx512vl') if f in flags.split())
    mem = open('/proc/meminfo').read()
    info['memory_gib'] = round(int(re.search(r'MemTotal:\s+(\d+)', mem).group(1)) / 2**20, 1)
    info['kernel'] = platform.release()
    info['java'] = sh([java_bin(), '-version']).stderr.splitlines()[0] if java_bin() else 'not found'
    return info


def java_home():
    """JAVA_HOME if it is a JDK 25 or newer, else the newest such JDK under /usr/lib/jvm (as ./spikeforge does)."""
    cands = [os.environ['JAVA_HOME']] if os.environ.get('JAVA_HOME') else []
    if os.path.isdir('/usr/lib/jvm'):
        cands += sorted((os.path.join('/usr/lib/jvm', d) for d in os.listdir('/usr/lib/jvm')), reverse=True)
    for c in cands:
        java = os.path.join(c, 'bin', 'java')
        if os.path.exists(java) and os.path.exists(os.path.join(c, 'bin', 'javac')):
            v = sh([java, '-XshowSettings:properties', '-version']).stderr
            m = re.search(r'java\.specification\.version = (\d+)', v)
            if m and int(m.group(1)) >= 25:
                return c
    return None


_JAVA_HOME = None


def java_bin():
    global _JAVA_HOME
    if _JAVA_HOME is None:
        _JAVA_HOME = java_home() or ''
    return os.path.join(_JAVA_HOME, 'bin', 'java') if _JAVA_HOME else None


def brian2_python():
    for py in ('/usr/bin/python3', sys.executable):
        if os.path.exists(py) and sh([py, '-c', 'import brian2']).returncode == 0:
            return py
    return None


def parse_time_v(path):
    txt = open(path).read()

    def field(name):
        m = re.search(rf'{re.escape(name)}:\s*(.*)', txt)
        return m.group(1).strip() if m else None
    wall = field('Elapsed (wall clock) time (h:mm:ss or m:ss)')
    parts = [float(p) for p in wall.split(':')] if wall else [float('nan')]
    secs = 0.0
    for p in parts:
        secs = secs * 60 + p
    return dict(whole_s=secs, cpu_s=float(field('User time (seconds)')) + float(field('System time (seconds)')),
                rss_mb=int(field('Maximum resident set size (kbytes)')) / 1024.0)


def timed(cmd, env=None, cwd=ROOT, timeout=1800):
    """Runs cmd under /usr/bin/time -v; returns (completed process, time fields, load average before)."""
    with tempfile.NamedTemporaryFile(suffix='.time', delete=False) as tf:
        tpath = tf.name
    load = os.getloadavg()[0]
    full = ['/usr/bin/time', '-v', '-o', tpath, 'timeout', str(timeout)] + cmd
    p = subprocess.run(full, capture_output=True, text=True, cwd=cwd, env=env)
    t = parse_time_v(tpath) if os.path.getsize(tpath) > 0 else {}
    os.unlink(tpath)
    t['load'] = load
    return p, t


class Config:
    """One way of running one network: a SpikeForge backend (and thread count) or a Brian2 mode."""

    def __init__(self, net, tool, mode, threads=1, launcher=True, outputs=False, method=None, cpu=None):
        """outputs: run with SpikeForge's default outputs (Chronicle recording, raster PNG); otherwise with
        --no-record --no-raster, which keeps the scenario's in-memory spike probe and matches the Brian2 twin's
        SpikeMonitor(record=False). method: an integration method other than the tool's default for the network
        (NETWORKS[net]['methods']): SpikeForge's populations get `method:`, Brian2's NeuronGroup `method=`. cpu: run the
        process on this CPU only (`taskset -c`), to measure what each CPU gives one thread (pinned_cpus())."""
        self.net, self.tool, self.mode, self.threads, self.launcher, self.outputs = net, tool, mode, threads, launcher, outputs
        self.method, self.cpu = method, cpu

    @property
    def label(self):
        if self.tool == 'brian2':
            return f'Brian2 {"C++ standalone" if self.mode == "standalone" else "Cython runtime"}' + self.method_label()
        s = f'SpikeForge {self.mode}'
        if self.threads > 1:
            s += f', {self.threads} threads'
        if not self.launcher:
            s += ' (java directly)'
        if self.outputs:
            s += ', default outputs (recording, raster)'
        if self.cpu is not None:
            s += f', pinned to CPU {self.cpu}'
        return s + self.method_label()

    def method_label(self):
        if not self.method:
            return ''
        return f', method {self.method}'

    def command(self, seed, workdir, py):
        spec = NETWORKS[self.net]
        if self.tool == 'brian2':
            name, n = spec['brian2']
            return [py, '-W', 'ignore', os.path.join(HERE, 'brian2_net.py'), '--net', name, '--n', str(n), '--mode', self.mode,
                    '--seed', str(seed), '--build-dir', os.path.join(workdir, 'brian2')] + (['--method', self.method] if self.method else []), None
        out = os.path.join(workdir, 'sf', f'{self.net}-{self.mode.replace("/", "-")}-{self.threads}{"-outputs" if self.outputs else ""}'
                           + (f'-{self.method}' if self.method else ''))
        backend, _, precision = self.mode.partition('/')
        args = ['run', os.path.join(ROOT, spec['scenario']), '--backend', backend, '--seed', str(seed), '--out', out, '--quiet']
        if precision:
            args += ['--backend-option', f'precision={precision}']
        if not self.outputs:
            args += ['--no-record', '--no-raster']
        if self.threads > 1:
            args += ['--threads', str(self.threads)]
        for k, v in self.overrides():
            args += ['--set', f'{k}={v}']
        env = dict(os.environ)
        env['JAVA_HOME'] = _JAVA_HOME
        if spec.get('java_opts'):
            env['JAVA_TOOL_OPTIONS'] = spec['java_opts']
        if self.launcher:
            return [os.path.join(ROOT, 'spikeforge')] + args, env
        cp = os.path.join(ROOT, 'simulations', 'target', 'spikeforge-simulations.jar') + ':' + os.path.join(ROOT, 'simulations', 'target', 'lib', '*')
        return [java_bin()] + launcher_jvm_flags() + ['-cp', cp, 'org.spikeforge.simulations.cli.Main'] + args, env

    def overrides(self):
        """The scenario fields a SpikeForge run of this configuration overrides (its populations' method)."""
        if self.tool != 'spikeforge' or not self.method:
            return []
        return [(f'populations.{p}.method', self.method) for p in NETWORKS[self.net]['methods']['populations']]

    def pin(self):
        """The command prefix that keeps a pinned configuration's process on its CPU."""
        return ['taskset', '-c', str(self.cpu)] if self.cpu is not None else []

    def run(self, seed, workdir, py, timeout):
        cmd, env = self.command(seed, workdir, py)
        cmd = self.pin() + cmd
        p, t = timed(cmd, env=env, timeout=timeout)
        r = dict(config=self.label, network=self.net, tool=self.tool, mode=self.mode, threads=self.threads, seed=seed, method=self.method,
                 command=' '.join(cmd).replace(ROOT + '/', ''), **t)
        if self.cpu is not None:
            r['cpu'] = self.cpu
        if p.returncode != 0:
            r['error'] = (p.stderr.strip().splitlines() or ['exit code %d' % p.returncode])[-1][:300]
            if p.returncode == 124:
                r['error'] = f'timed out after {timeout} s'
            return r
        if self.tool == 'brian2':
            line = [l for l in p.stdout.splitlines() if l.startswith('{')][-1]
            b = json.loads(line)
            r.update(sim_s=b['sim_s'], rate_hz=b['rate_hz'], synapses=b['synapses'], spikes=b['spikes'])
        else:
            out = cmd[cmd.index('--out') + 1]
            s = json.load(open(os.path.join(out, 'summary.json')))
            r.update(sim_s=s['sim_s'], build_s=s.get('build_s'), rate_hz=s['mean_rate_hz'], synapses=s['synapses'], spikes=s['spikes'],
                     synaptic_events=s.get('synaptic_events'), neuron_updates=s.get('counts', {}).get('neuron_updates'))
            if self.launcher:
                r.update(self.cpu_time(seed, env, timeout))
        return r

    def cpu_time(self, seed, env, timeout):
        """CPU time of the simulation loop, from a second fresh JVM running bench/peers/SimCpuTime.java."""
        spec = NETWORKS[self.net]
        cp = os.path.join(ROOT, 'simulations', 'target', 'spikeforge-simulations.jar') + ':' + os.path.join(ROOT, 'simulations', 'target', 'lib', '*')
        backend, _, precision = self.mode.partition('/')
        cmd = [java_bin()] + launcher_jvm_flags() + ['-cp', cp, os.path.join(HERE, 'SimCpuTime.java'), os.path.join(ROOT, spec['scenario']), backend,
               str(self.threads), str(seed)] + ([f'precision={precision}'] if precision else []) + [f'set:{k}={v}' for k, v in self.overrides()]
        p = subprocess.run(self.pin() + ['timeout', str(timeout)] + cmd, capture_output=True, text=True, cwd=ROOT, env=env)
        lines = [l for l in p.stdout.splitlines() if l.startswith('{')]
        if p.returncode != 0 or not lines:
            return dict(cpu_error=(p.stderr.strip().splitlines() or ['exit %d' % p.returncode])[-1][:200])
        return json.loads(lines[-1])


def launcher_jvm_flags():
    """The JVM flags of ./spikeforge (its JVM_FLAGS array, as bash reads it: comments and quotes handled),
    so that a direct java run matches the launcher's."""
    script = ('source <(sed -n "/^JVM_FLAGS=(/,/^ *[^#]*)$/p" "$1"); printf "%s\\n" "${JVM_FLAGS[@]}"')
    p = subprocess.run(['bash', '-c', script, 'bash', os.path.join(ROOT, 'spikeforge')], capture_output=True, text=True)
    flags = [l for l in p.stdout.splitlines() if l]
    return flags if p.returncode == 0 and flags else ['--add-modules', 'jdk.incubator.vector']


def spikeforge_backends():
    p = sh([os.path.join(ROOT, 'spikeforge'), 'list'], env=dict(os.environ, JAVA_HOME=_JAVA_HOME))
    if p.returncode != 0:
        raise SystemExit('harness: ./spikeforge list failed:\n' + p.stderr)
    names, inside = [], False
    for line in p.stdout.splitlines():
        if line.startswith('Backends:'):
            inside = True
            continue
        if inside:
            if not line.startswith('  '):
                break
            names.append(line.split()[0])
    return names


def pinned_cpus():
    """The CPUs this process may run on, when there are exactly two and `taskset` can pin to them: then CUBA-100k's
    one-thread runs are repeated on each CPU alone, which shows how fast each is and so what two threads can gain at
    most (acceptance()). Virtual CPUs of one machine need not be equally fast: on the development VM one of the two
    took 1.3–1.45× as long as the other for the same one-thread run (2026-11-30)."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return []
    return cpus if len(cpus) == 2 and shutil.which('taskset') else []


def configs_for(net, backends, available, brian2_ok):
    spec = NETWORKS[net]
    out = []
    n = spec['brian2'][1]
    for b in backends:
        name, _, th = b.partition(':')
        if name.partition('/')[0] not in available:
            continue
        if name == 'event' and not spec['event']:
            continue
        threads = int(th) if th else 1
        if threads > 1 and n < BIG:
            continue
        cfg = Config(net, 'spikeforge', name, threads)
        out.append(cfg)
        if net == 'cuba-100k' and threads == 2:
            # one thread on each CPU alone, for the two-thread line's ceiling; these count among the one-thread runs of
            # the two-thread line, so the two-thread configuration runs once more beside each of them: the line then
            # compares the best of as many runs on each side (the best of fifteen against the best of five favoured
            # one thread by the number of draws alone, on a machine whose speed changes from process to process)
            for c in pinned_cpus():
                out += [Config(net, 'spikeforge', name, 1, cpu=c), cfg]
    if net == 'cuba-4k' and 'scalar' in available:
        out.append(Config(net, 'spikeforge', 'scalar', 1, launcher=False))
        out.append(Config(net, 'spikeforge', 'scalar', 1, outputs=True))
    methods = spec.get('methods')
    if methods:
        # each tool also with the other's method, so that both methods are compared like for like
        for b in backends:
            name, _, th = b.partition(':')
            if not th and name != 'event' and name.partition('/')[0] in available:
                out.append(Config(net, 'spikeforge', name, 1, method=methods['brian2_default']))
    if brian2_ok:
        out += [Config(net, 'brian2', m) for m in spec['modes']]
        if methods:
            out.append(Config(net, 'brian2', 'standalone', method=methods['default']))
    return out


# ----------------------------------------------------------------------------- report

def stats(rs, key):
    v = [r[key] for r in rs if r.get(key) is not None and 'error' not in r]
    if not v:
        return None, None
    return min(v), statistics.median(v)


def fmt(x, digits=3):
    if x is None:
        return '—'
    if x >= 100:
        return f'{x:.0f}'
    return f'{x:.{digits}g}'


def roofline(ceil, cuba_runs):
    """Floor of CUBA-4k (1 s at dt 0.1 ms) from the measured ceilings and the run's own counts."""
    sf = [r for r in cuba_runs if r['tool'] == 'spikeforge' and 'error' not in r and r.get('synaptic_events')]
    if not ceil or not sf:
        return None
    updates = 4000 * 10000
    events = statistics.median(r['synaptic_events'] for r in sf)
    timed_cpu = [r for r in sf if r.get('sim_thread_cpu_s')]
    key, pool = ('sim_thread_cpu_s', timed_cpu) if timed_cpu else ('sim_s', sf)
    best = min(r[key] for r in pool)
    best_cfg = min(pool, key=lambda r: r[key])['config'] + (' (CPU time of the simulating thread)' if key != 'sim_s' else ' (wall clock)')
    out_wall = min(r['sim_s'] for r in sf)
    l2 = ceil.get('triad_GBs_L2_384KiB')
    l3 = ceil.get('triad_GBs_L3_6MiB')
    peak_f = ceil.get('fma_GFLOPs_float')
    peak_d = ceil.get('fma_GFLOPs_double')
    sc_l2 = ceil.get('scatter_ns_256KiB')
    sc_l3 = ceil.get('scatter_ns_4MiB')
    # Ideal kernel: float32 struct of arrays v, i_e, i_i read and written (24 B), refractory counter 1 B,
    # about 12 flops; a synaptic event reads a 4-byte target (streamed) and adds into an L2-resident array.
    ideal = dict(bytes=25, flops=12)
    # SpikeForge's scalar layout today: doubles, one ring-buffer slot per receptor read and zeroed.
    today = dict(bytes=96, flops=14)
    out = dict(updates=updates, events=events, best=best, best_cfg=best_cfg, ceil=ceil, best_wall=out_wall)
    for name, k, bw, peak, sc in (('ideal', ideal, l2, peak_f, sc_l2), ('layout', today, l2, peak_d, sc_l2)):
        t_mem = updates * k['bytes'] / (bw * 1e9)
        t_flop = updates * k['flops'] / (peak * 1e9)
        t_ev = events * sc * 1e-9 + events * 4 / (l3 * 1e9)
        out[name] = dict(k, t_mem=t_mem, t_flop=t_flop, t_ev=t_ev, floor=max(t_mem, t_flop) + t_ev)
    return out


def write_report(path, results, meta, ceil):
    by_net = {}
    for r in results:
        by_net.setdefault(r['network'], []).append(r)
    L = []
    L.append('# SpikeForge benchmarks: side by side with Brian2\n')
    args = re.sub(r"--note .*?(?= --|$)", '--note "…"', meta['args'])
    two = [r for r in results if r['network'] == 'cuba-100k' and r['tool'] == 'spikeforge' and r['threads'] == 2]
    reps2 = max((sum(1 for r in two if r['mode'] == m) for m in {r['mode'] for r in two}), default=0)
    L.append(f'Measured on **{meta["date"]}** by `bench/peers/run.sh {args}` in one session '
             f'({meta["minutes"]:.0f} minutes): each configuration {meta["reps"]}×, interleaved, all with seed 1'
             + (f' (CUBA-100k\'s two-thread configurations {reps2}×, once more beside each one-thread run pinned to a CPU: '
                f'see "Ratios and acceptance")' if reps2 > meta['reps'] else '') + '.\n')
    if meta.get('note'):
        L.append(f'> **Note.** {meta["note"]}\n')
    m = meta['machine']
    L.append('## Machine\n')
    L.append(f'- CPU: {m.get("Model name")} — {m.get("CPU(s)")} logical CPUs ({m.get("Core(s) per socket")} cores per socket, '
             f'{m.get("Thread(s) per core")} thread per core, {m.get("Socket(s)")} socket), SIMD: {m.get("simd")}')
    L.append(f'- Memory: {m.get("memory_gib")} GiB; kernel {m.get("kernel")}; {m.get("java")}; Brian2 {meta.get("brian2_version", "—")} '
             f'(Debian `python3-brian`), g++ {meta.get("gxx", "—")}')
    L.append(f'- Load average (1 min) seen at the start of the runs: median {meta["load_median"]:.1f}, max {meta["load_max"]:.1f} '
             f'on {m.get("CPU(s)")} CPUs.')
    L.append('- Caches as the (virtual) CPU reports them (getconf): ' + ', '.join(m.get('caches', '').splitlines()) + '\n')
    L.append('## How to reproduce\n')
    L.append('```bash\nbench/peers/run.sh --quick          # CUBA-4k, COBA-4k, CUBA-100k, sparse-100k\n'
             'bench/peers/run.sh                  # all six networks (CUBA-40k and Brunel-100k too; long)\n'
             'bench/peers/run.sh --backends scalar,simd,simd:2,event --reps 5\n```\n')
    L.append('Each run is one process: `./spikeforge run SCENARIO --backend B --seed S --out DIR --quiet --no-record --no-raster` '
             '(the launcher included, JAVA_HOME set) and `python3 bench/peers/brian2_net.py --net NET --n N --mode standalone|cython`. '
             'Both count spikes in memory and write no spike file: the Brian2 twin has a `SpikeMonitor(record=False)`, SpikeForge '
             'keeps its scenario\'s in-memory spike probe. One more SpikeForge configuration of CUBA-4k, marked *default outputs*, '
             'is the README\'s first command as it stands: it also records every spike to a Chronicle queue and draws the raster PNG. '
             'The exact commands are in `bench/peers/results/latest.json`.\n')
    L.append('- **sim**: the tool\'s own simulation timer for 1 s of biological time at dt = 0.1 ms (SpikeForge `summary.json` '
             '`sim_s`; Brian2 standalone `device._last_run_time`; Brian2 Cython: `run()` timed after `run(0 ms)` compiled everything). '
             'SpikeForge `simd` first steps the network for up to 10,000 steps or 0.5 s on its own state and restores it, so that the '
             'JIT has compiled the step before the timer starts (README, "Warm-up"; same spikes bit for bit): that warm-up is in '
             '*whole*, not in *sim*, as Brian2 standalone\'s compilation is.')
    L.append('- **whole**: wall time of the whole process from `/usr/bin/time -v`: start, network construction, code generation '
             'and compilation (Brian2 standalone recompiles only what changed: its build folder is kept between runs, as a user '
             're-running a script would have it; the first, cold build is listed apart), run, output.')
    L.append('- **sim thread CPU**: SpikeForge only: CPU time of the simulating thread during the run loop, from a second fresh JVM '
             '(`bench/peers/SimCpuTime.java`, same scenario, probes and seed). Unlike wall time it does not grow when other '
             'processes take the CPU, so it is the figure to compare SpikeForge configurations on a shared machine.')
    L.append('- **whole CPU**: user + system CPU time of the whole process and its children (JIT and GC threads, the C++ compiler).')
    L.append('- **RSS**: peak resident memory of the process and its children (`Maximum resident set size`).')
    L.append('- min / median over the repetitions; ratios use the minima (the least disturbed runs).\n')

    L.append('## Results\n')
    for net, rs in by_net.items():
        if net == '_warmup':
            continue
        spec = NETWORKS[net]
        syn = next((r.get('synapses') for r in rs if r.get('synapses')), None)
        L.append(f'### {net}\n')
        L.append(f'Scenario `{spec["scenario"]}`; Brian2 twin `brian2_net.py --net {spec["brian2"][0]} --n {spec["brian2"][1]}`'
                 + (f'; {syn:,} synapses (seed 1).' if syn else '.') + (' ' + spec['notes'] if spec.get('notes') else '') + '\n')
        L.append('| run | sim s (min / median) | sim thread CPU s (min) | whole s (min / median) | whole CPU s (median) | peak RSS MB | rate Hz | sim vs Brian2 standalone |')
        L.append('|---|---|---|---|---|---|---|---|')
        cfgs = []
        for r in rs:
            if r['config'] not in cfgs:
                cfgs.append(r['config'])
        ref = stats([r for r in rs if r['config'] == 'Brian2 C++ standalone'], 'sim_s')[0]
        for c in cfgs:
            cr = [r for r in rs if r['config'] == c]
            errs = [r['error'] for r in cr if 'error' in r]
            if len(errs) == len(cr):
                L.append(f'| {c} | failed: {errs[0]} | | | | | | |')
                continue
            smin, smed = stats(cr, 'sim_s')
            wmin, wmed = stats(cr, 'whole_s')
            _, cpu = stats(cr, 'cpu_s')
            _, rss = stats(cr, 'rss_mb')
            _, rate = stats(cr, 'rate_hz')
            tcpu, _ = stats(cr, 'sim_thread_cpu_s')
            ratio = f'{smin / ref:.2f}×' if ref and smin else '—'
            L.append(f'| {c} | {fmt(smin)} / {fmt(smed)} | {fmt(tcpu)} | {fmt(wmin)} / {fmt(wmed)} | {fmt(cpu)} | {fmt(rss)} | {rate:.2f} | {ratio} |')
        warm = [w for w in meta.get('warmups', []) if w['network'] == net and 'whole_s' in w]
        if warm:
            L.append('\nFirst (cold) runs, not in the table: ' + '; '.join(
                f'{w["config"]} {w["whole_s"]:.1f} s whole' + (f' ({w["error"]})' if 'error' in w else '') for w in warm) + '.')
        L.append('')

    L.append('## Ratios and acceptance\n')
    L.extend(meta['acceptance'])
    L.append('')

    rf = meta.get('roofline')
    L.append('## Roofline: the floor for CUBA-4k on this CPU\n')
    if ceil:
        L.append('Ceilings of one core measured by `bench/peers/roofline.c` (gcc -O3 -march=native; thread CPU time):\n')
        L.append('| ceiling | value |')
        L.append('|---|---|')
        for k, v in ceil.items():
            L.append(f'| {k} | {v} |')
        L.append('')
    if rf:
        L.append(f'CUBA-4k for 1 s is {rf["updates"]:,} neuron updates (4,000 neurons × 10,000 steps) and {rf["events"]:,.0f} '
                 'synaptic events (SpikeForge\'s count). The state (4,000 neurons) and the 320,000 targets (1.3 MB) live in L2 '
                 'and L3, so the bound is cache bandwidth, not DRAM.\n')
        L.append('| | bytes / update | flops / update | memory time | compute time | events time | floor |')
        L.append('|---|---|---|---|---|---|---|')
        for name, title in (('ideal', 'ideal kernel: float32 SoA v, i_e, i_i + 1-byte refractory; event = 4-byte target read + '
                                      'add into L2'), ('layout', 'SpikeForge scalar layout today: doubles, ring slot read and zeroed '
                                                                 'per receptor, I_ext, refractory int')):
            x = rf[name]
            L.append(f'| {title} | {x["bytes"]} | {x["flops"]} | {x["t_mem"] * 1e3:.1f} ms | {x["t_flop"] * 1e3:.1f} ms | '
                     f'{x["t_ev"] * 1e3:.1f} ms | **{x["floor"] * 1e3:.1f} ms** |')
        L.append('')
        L.append(f'Memory time = updates × bytes / L2 triad bandwidth; compute time = updates × flops / peak FMA rate '
                 f'(float for the ideal kernel, double for today\'s); events time = events × random L2 add '
                 f'(scatter_ns_256KiB) + 4 bytes per event at L3 bandwidth. The floor adds events to the larger of memory and compute '
                 'time (the sweep over neurons and the scatter of spikes are separate phases).\n')
        L.append(f'Fastest SpikeForge run of CUBA-4k: {rf["best_cfg"]}, {rf["best"] * 1e3:.0f} ms: '
                 f'**{rf["best"] / rf["ideal"]["floor"]:.1f}× the ideal floor** and {rf["best"] / rf["layout"]["floor"]:.1f}× the floor '
                 'of its own data layout (its best wall-clock time in this loaded session, '
                 f'{rf["best_wall"] * 1e3:.0f} ms, is {rf["best_wall"] / rf["ideal"]["floor"]:.0f}× the ideal floor). '
                 'Per-step fixed costs (phase calls, buffers, probes: 10,000 steps) and the threshold branch are '
                 'what the floor leaves out.\n')
    L.extend(two_thread_bound(ceil, results))
    open(path, 'w').write('\n'.join(L) + '\n')


# Bytes a neuron moves in each step of simd's double-precision cuba_lif update: v, i_e, i_i and the receptors'
# ring slots (read, and zeroed) as doubles, the refractory counter as an int, each read and written.
CUBA_DOUBLE_BYTES = 2 * (5 * 8 + 4)


def two_thread_bound(ceil, results):
    """What a second core can give CUBA-100k's step on this machine, from the measured triad ceilings."""
    one_bw, two_bw = ceil.get('triad_GBs_9MiB_1thread_wall'), ceil.get('triad_GBs_9MiB_2threads_wall')
    def best(th):
        v = [r['sim_s'] for r in results if r['network'] == 'cuba-100k' and r['tool'] == 'spikeforge' and r['mode'] == 'simd'
             and r['threads'] == th and 'error' not in r and r.get('cpu') is None]
        return min(v) if v else None
    t1, t2 = best(1), best(2)
    if not (one_bw and two_bw and t1 and t2):
        return []
    # the triad counts 24 bytes an element; with the read for ownership of the line it writes, it moves 32
    real1, real2 = one_bw * 32 / 24, two_bw * 32 / 24
    step_bytes = 100_000 * CUBA_DOUBLE_BYTES
    steps = 10_000
    bw1, bw2 = step_bytes * steps / t1 * 1e-9, step_bytes * steps / t2 * 1e-9
    floor1, floor2 = step_bytes * steps / (real1 * 1e9), step_bytes * steps / (real2 * 1e9)
    return ['## Two threads on CUBA-100k: the bandwidth bound\n',
            f'Each step of `simd`\'s double-precision update moves {CUBA_DOUBLE_BYTES} bytes a neuron (v, i_e, i_i and the two '
            f'ring slots as doubles, the refractory counter as an int, each read and written): {step_bytes / 1e6:.1f} MB a step for '
            f'100,000 neurons, more than the two cores\' L2 caches hold, so the update streams from L3. The triad over 9 MiB '
            f'(`roofline.c`, wall time) moves {real1:.0f} GB/s on one thread and {real2:.0f} GB/s on two ({two_bw / one_bw:.2f}×; '
            f'32 bytes an element, counting the read of the line it writes). At these rates the update of 10,000 steps takes at '
            f'least {floor1:.3f} s on one thread and {floor2:.3f} s on two. SpikeForge took {t1:.3f} s on one thread ({bw1:.0f} GB/s, '
            f'{floor1 / t1:.0%} of the one-thread rate; the time also holds the spike delivery and the probes) '
            f'and {t2:.3f} s on two ({bw2:.0f} GB/s, {floor2 / t2:.0%} of the two-thread rate). Against this one-thread run, the '
            f'bandwidth allows two threads to be at most {t1 / floor2:.2f}× faster.'
            + (f' A cache line takes {ceil["core_to_core_roundtrip_ns"]:.0f} ns to go from one core to the other and back '
               f'(`roofline.c`, one flag handed between two threads): each word that both threads of a step write, and each '
               f'line one reads after the other wrote it, costs about half that.' if ceil.get('core_to_core_roundtrip_ns', -1) > 0 else '')
            + '\n']


def acceptance(results):
    def best(net, pred):
        v = [r['sim_s'] for r in results if r['network'] == net and 'error' not in r and pred(r)]
        return min(v) if v else None

    def best_field(net, pred, field, f=min):
        v = [r[field] for r in results if r['network'] == net and 'error' not in r and pred(r) and r.get(field) is not None]
        return f(v) if v else None

    # pinned runs (one CPU only: pinned_cpus()) only give the two-thread line its ceiling
    sf1 = lambda r: (r['tool'] == 'spikeforge' and r['threads'] == 1 and r['mode'] != 'event' and '/' not in r['mode'] and not r.get('method')
                     and r.get('cpu') is None)
    f32 = lambda r: (r['tool'] == 'spikeforge' and r['threads'] == 1 and r['mode'].endswith('/float32') and not r.get('method')
                     and r.get('cpu') is None)
    b2s = lambda r: r['tool'] == 'brian2' and r['mode'] == 'standalone' and not r.get('method')
    lines = []
    if not any(r['tool'] == 'spikeforge' and r['mode'] == 'simd' for r in results):
        lines.append('- ℹ️ No `simd` backend was on the class path: the SpikeForge stepping figures below are those of the scalar '
                     'reference backend (single-threaded, plain loops), which the speed targets are not meant for. Re-run the '
                     'harness once the `simd` backend is merged; it is picked up by name.')

    def check(text, ok):
        lines.append(f'- {"✅" if ok else ("❌" if ok is not None else "—")} {text}')

    for what, pred in (('double precision', sf1), ('simd/float32', f32)):
        for net in ('cuba-4k', 'coba-4k'):
            a, b = best(net, pred), best(net, b2s)
            m = NETWORKS[net].get('methods')
            each = f', each with its default method (SpikeForge {m["default"]}, Brian2 {m["brian2_default"]})' if m else ''
            if a and b:
                check(f'{net}, {what}{each}: SpikeForge sim {a * 1e3:.0f} ms vs Brian2 standalone {b * 1e3:.0f} ms = **{a / b:.2f}×** (target ≤ 0.5×)',
                      a <= 0.5 * b)
        a, b = best('cuba-100k', pred), best('cuba-100k', b2s)
        if a and b:
            check(f'cuba-100k, 1 thread, {what}: {a:.2f} s vs Brian2 standalone {b:.2f} s = **{a / b:.2f}×** (target ≤ 0.5×)', a <= 0.5 * b)
    # COBA with the same integration method on both sides: Brian2's example integrates with forward Euler,
    # SpikeForge's coba_lif defaults to exponential Euler (an exp and a division more per neuron and step)
    cm = NETWORKS['coba-4k'].get('methods')
    if cm:
        for what, pred in (('double precision', lambda r: r['tool'] == 'spikeforge' and r['threads'] == 1 and r['mode'] in ('scalar', 'simd')),
                           ('simd/float32', lambda r: r['tool'] == 'spikeforge' and r['threads'] == 1 and r['mode'].endswith('/float32'))):
            for m in (cm['brian2_default'], cm['default']):
                a = best('coba-4k', lambda r, m=m, pred=pred: pred(r) and (r.get('method') or cm['default']) == m)
                b = best('coba-4k', lambda r, m=m: r['tool'] == 'brian2' and r['mode'] == 'standalone' and (r.get('method') or cm['brian2_default']) == m)
                if a and b:
                    check(f'coba-4k, {what}, both integrated by **{m}**: SpikeForge sim {a * 1e3:.0f} ms vs Brian2 standalone '
                          f'{b * 1e3:.0f} ms = **{a / b:.2f}×** (target ≤ 0.5×)', a <= 0.5 * b)
    for be in sorted({r['mode'] for r in results if r['network'] == 'cuba-100k' and r['tool'] == 'spikeforge' and r['threads'] > 1}):
        # the one-thread time is the best of every one-thread run, pinned ones included (the machine's speed changes
        # from process to process); the two-thread configuration ran as many times (configs_for), so that neither side
        # has more draws of the machine's state than the other
        p1 = lambda r, be=be: r['tool'] == 'spikeforge' and r['mode'] == be and r['threads'] == 1 and not r.get('method')
        p2 = lambda r, be=be: r['tool'] == 'spikeforge' and r['mode'] == be and r['threads'] == 2
        one, two = best('cuba-100k', p1), best('cuba-100k', p2)
        n1 = sum(1 for r in results if r['network'] == 'cuba-100k' and 'error' not in r and p1(r))
        n2 = sum(1 for r in results if r['network'] == 'cuba-100k' and 'error' not in r and p2(r))
        if one and two:
            # medians against the unpinned one-thread runs: a pinned process has its JIT and GC threads on the
            # simulation's CPU, so pinned runs would raise the one-thread median
            m1 = best_field('cuba-100k', lambda r, p1=p1: p1(r) and r.get('cpu') is None, 'sim_s', statistics.median)
            m2 = best_field('cuba-100k', p2, 'sim_s', statistics.median)
            check(f'cuba-100k, {be}: 2 threads {one / two:.2f}× faster than 1 (target ≥ 1.6×; best of {n2} two-thread runs, '
                  f'{two:.3f} s, against the best of {n1} one-thread runs, {one:.3f} s; medians {m2:.3f} s against {m1:.3f} s '
                  f'unpinned, {m1 / m2:.2f}×)', one / two >= 1.6)
        on = {c: best('cuba-100k', lambda r, be=be, c=c: r['tool'] == 'spikeforge' and r['mode'] == be and r.get('cpu') == c)
              for c in sorted({r['cpu'] for r in results if r.get('cpu') is not None and r['mode'] == be})}
        if one and two and len(on) == 2 and all(on.values()):
            (c0, a), (c1, b) = on.items()
            # two threads sharing the work perfectly, each CPU at its best one-thread speed, would take 1 / (1/a + 1/b)
            ceiling = one * (1 / a + 1 / b)
            check(f'cuba-100k, {be}, what the two CPUs allow: one thread pinned to CPU {c0} took {a:.3f} s, pinned to CPU {c1} {b:.3f} s; '
                  f'two threads sharing the work perfectly at these speeds, at no cost for sharing it, would take {1 / (1 / a + 1 / b):.3f} s, '
                  f'**{ceiling:.2f}×** faster than the best one-thread run; the {one / two:.2f}× above is {one / two / ceiling:.0%} of that '
                  f'bound (information)', None)
    w = best_field('cuba-4k', lambda r: r['tool'] == 'spikeforge' and r['mode'] == 'scalar' and r['threads'] == 1 and
                   r['command'].startswith('spikeforge') and '--no-record' not in r['command'], 'whole_s')
    w0 = best_field('cuba-4k', lambda r: r['tool'] == 'spikeforge' and r['mode'] == 'scalar' and r['threads'] == 1 and
                    r['command'].startswith('spikeforge') and '--no-record' in r['command'], 'whole_s')
    wb = best_field('cuba-4k', lambda r: r['tool'] == 'brian2' and r['mode'] == 'cython', 'whole_s')
    ws = best_field('cuba-4k', b2s, 'whole_s')
    if w:
        extra = (f'; Brian2 Cython {wb:.1f} s' if wb else '') + (f', standalone {ws:.1f} s (warm build folder)' if ws else '')
        check(f'whole process of `./spikeforge run simulations/examples/cuba.yaml` (default outputs: recording and raster): {w:.2f} s '
              f'(target ≤ 1.0 s{extra})', w <= 1.0)
    if w0:
        check(f'whole process of `./spikeforge run simulations/examples/cuba.yaml --no-record --no-raster` (spike counts in memory, '
              f'as the Brian2 twin): {w0:.2f} s (target ≤ 1.0 s)', w0 <= 1.0)
    r1 = best_field('cuba-100k', sf1, 'rss_mb', statistics.median)
    r2 = best_field('cuba-100k', b2s, 'rss_mb', statistics.median)
    r3 = best_field('cuba-100k', lambda r: r['tool'] == 'brian2' and r['mode'] == 'cython', 'rss_mb', statistics.median)
    if r1 and r2:
        check(f'cuba-100k peak RSS: SpikeForge {r1:.0f} MB vs Brian2 standalone {r2:.0f} MB = **{r1 / r2:.2f}×**'
              + (f' (Cython {r3:.0f} MB)' if r3 else '') + ' (target ≤ 0.5×)', r1 <= 0.5 * r2)
    bru = [r for r in results if r['network'] == 'brunel-100k' and r['tool'] == 'spikeforge']
    if bru:
        ok = [r for r in bru if 'error' not in r]
        check(f'brunel-100k (10⁸ synapses) with stored connectivity in a 2 GB heap (`-Xmx2g`): '
              + (f'ran, peak RSS {min(r["rss_mb"] for r in ok):.0f} MB' if ok else f'failed: {bru[0]["error"]}'), bool(ok))
    ev = best('sparse-100k', lambda r: r['tool'] == 'spikeforge' and r['mode'] == 'event')
    for be in sorted({r['mode'] for r in results if r['network'] == 'sparse-100k' and r['tool'] == 'spikeforge' and r['mode'] != 'event'}):
        st = best('sparse-100k', lambda r, be=be: r['tool'] == 'spikeforge' and r['mode'] == be and r['threads'] == 1)
        if ev and st:
            check(f'sparse-100k, wall clock: event mode {ev:.3f} s vs time-stepped {be} {st:.3f} s = **{st / ev:.1f}× faster** (target ≥ 5×)',
                  st / ev >= 5)
        evc = best_field('sparse-100k', lambda r: r['tool'] == 'spikeforge' and r['mode'] == 'event', 'sim_thread_cpu_s')
        stc = best_field('sparse-100k', lambda r, be=be: r['tool'] == 'spikeforge' and r['mode'] == be and r['threads'] == 1, 'sim_thread_cpu_s')
        if evc and stc:
            check(f'sparse-100k, CPU time of the simulating thread: event mode {evc:.3f} s vs time-stepped {be} {stc:.3f} s = '
                  f'**{stc / evc:.1f}× faster** (target ≥ 5×)', stc / evc >= 5)
    # rates
    for net in sorted({r['network'] for r in results}):
        rs = [r for r in results if r['network'] == net and 'error' not in r and r.get('rate_hz') is not None]
        b = [r['rate_hz'] for r in rs if r['tool'] == 'brian2']
        s = [r['rate_hz'] for r in rs if r['tool'] == 'spikeforge']
        if b and s:
            rb, rsf = statistics.median(b), statistics.median(s)
            tol = 0.15
            check(f'{net}: firing rates agree: SpikeForge {min(s):.2f}–{max(s):.2f} Hz, Brian2 {min(b):.2f}–{max(b):.2f} Hz '
                  f'(medians within {tol:.0%}: {abs(rsf - rb) / rb:.1%})', abs(rsf - rb) <= tol * rb)
    return lines


def main():
    ap = argparse.ArgumentParser(description='SpikeForge vs Brian2 peer benchmarks; writes BENCHMARKS.md')
    ap.add_argument('--quick', action='store_true', help='only ' + ', '.join(QUICK))
    ap.add_argument('--networks', help='comma-separated subset of ' + ', '.join(NETWORKS))
    ap.add_argument('--backends', help='SpikeForge backends, NAME, NAME/PRECISION (simd/float32) or NAME:THREADS, comma-separated (default: those of '
                                       + ','.join(DEFAULT_BACKENDS) + ' that `spikeforge list` shows; NAME:2 only for N >= 40k)')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--timeout', type=int, default=1800, help='seconds per run')
    ap.add_argument('--no-brian2', action='store_true')
    ap.add_argument('--out', default=os.path.join(ROOT, 'BENCHMARKS.md'))
    ap.add_argument('--note', default='', help='a sentence printed at the top of the report')
    ap.add_argument('--workdir', default='/tmp/spikeforge-peers')
    ap.add_argument('--report-only', metavar='RESULTS_JSON', help='rewrite the report from a results file of an earlier session, running nothing')
    a = ap.parse_args()

    if a.report_only:
        raw = json.load(open(a.report_only))
        meta, results, ceil = raw['meta'], raw['results'], raw['ceilings']
        if a.note:
            meta['note'] = a.note
        meta['acceptance'] = acceptance(results)
        meta['roofline'] = roofline(ceil, [r for r in results if r['network'] == 'cuba-4k'])
        write_report(a.out, results, meta, ceil)
        print(f'harness: wrote {a.out} from {a.report_only}')
        return

    t_start = time.time()
    if not java_bin():
        raise SystemExit('harness: no JDK 25 found (set JAVA_HOME)')
    nets = a.networks.split(',') if a.networks else (QUICK if a.quick else list(NETWORKS))
    for n in nets:
        if n not in NETWORKS:
            raise SystemExit(f"harness: unknown network '{n}'; known: {', '.join(NETWORKS)}")
    available = spikeforge_backends()
    # The CPU backends by default (photonic, memristor and gpu model other substrates and are not
    # speed contenders on this machine); a simd backend is picked up as soon as it is on the class path.
    backends = a.backends.split(',') if a.backends else [b for b in DEFAULT_BACKENDS if b.partition(':')[0].partition('/')[0] in available]
    py = None if a.no_brian2 else brian2_python()
    if not a.no_brian2 and not py:
        raise SystemExit('harness: Brian2 is not importable (run.sh installs python3-brian)')
    os.makedirs(a.workdir, exist_ok=True)
    print(f'harness: networks {nets}; SpikeForge backends {backends} (available {available}); Brian2 {"via " + py if py else "off"}',
          flush=True)

    configs = [c for n in nets for c in configs_for(n, backends, available, py is not None)]
    warmups = []
    # Cold runs first: Brian2 generates and compiles its code once per network and mode (standalone keeps
    # the build folder, Cython its extension cache), SpikeForge's launcher builds the jar if sources changed.
    for c in configs:
        if c.tool == 'brian2':
            print(f'  cold  {c.net:12s} {c.label}', flush=True)
            r = c.run(1, a.workdir, py, a.timeout)
            warmups.append(r)
    results = []
    for rep in range(a.reps):
        for c in configs:
            r = c.run(1, a.workdir, py, a.timeout)
            results.append(r)
            print(f'  rep {rep + 1} {c.net:12s} {c.label:40s} sim {r.get("sim_s", float("nan")):8.3f} s  whole {r.get("whole_s", float("nan")):7.2f} s'
                  f'  rss {r.get("rss_mb", float("nan")):7.0f} MB  rate {r.get("rate_hz", float("nan")):6.2f} Hz  load {r["load"]:.1f}'
                  + (f'  ERROR {r["error"]}' if 'error' in r else ''), flush=True)

    ceil = {}
    exe = os.path.join(a.workdir, 'roofline')
    if sh(['gcc', '-O3', '-march=native', '-pthread', '-o', exe, os.path.join(HERE, 'roofline.c')]).returncode == 0:
        for line in sh([exe]).stdout.splitlines():
            k, v = line.split()
            ceil[k] = float(v)

    loads = [r['load'] for r in results]
    meta = dict(date=datetime.datetime.now().strftime('%Y-%m-%d %H:%M %Z').strip(), args=' '.join(sys.argv[1:]), reps=a.reps,
                minutes=(time.time() - t_start) / 60, machine=machine(), note=a.note, warmups=warmups,
                load_median=statistics.median(loads) if loads else float('nan'), load_max=max(loads) if loads else float('nan'))
    if py:
        meta['brian2_version'] = sh([py, '-c', 'import brian2; print(brian2.__version__)']).stdout.strip()
    gxx = sh(['g++', '-dumpfullversion'])
    meta['gxx'] = gxx.stdout.strip() if gxx.returncode == 0 else '—'
    meta['acceptance'] = acceptance(results)
    meta['roofline'] = roofline(ceil, [r for r in results if r['network'] == 'cuba-4k'])
    os.makedirs(os.path.join(HERE, 'results'), exist_ok=True)
    raw = dict(meta={k: v for k, v in meta.items() if k != 'acceptance'}, results=results, ceilings=ceil)
    stamp = datetime.datetime.now().strftime('%Y%m%d-%H%M')
    for name in (f'{stamp}.json', 'latest.json'):
        with open(os.path.join(HERE, 'results', name), 'w') as f:
            json.dump(raw, f, indent=1)
    write_report(a.out, results, meta, ceil)
    print(f'harness: wrote {a.out} and bench/peers/results/{stamp}.json', flush=True)


if __name__ == '__main__':
    main()
