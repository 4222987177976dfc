package org.spikeforge.simulations.conversion;

/** 2-D convolution and average pooling in NCHW layout (ONNX semantics: pads, strides, dilations, groups). */
final class Conv {
    private Conv() {}

    private static int[] ints(long[] a, int n, int dflt) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = a == null ? dflt : (int) a[i];
        return r;
    }

    static Tensor conv(Tensor x, Tensor w, Tensor b, OnnxGraph.Node n) {
        if (x.rank() != 4) throw new IllegalArgumentException("Conv supports 2-D (NCHW) input, got " + x);
        int N = x.dim(0), C = x.dim(1), H = x.dim(2), W = x.dim(3);
        int M = w.dim(0), Cg = w.dim(1), KH = w.dim(2), KW = w.dim(3);
        int group = (int) n.intAttr("group", 1);
        int[] st = ints(n.intsAttr("strides"), 2, 1), dl = ints(n.intsAttr("dilations"), 2, 1), pd = ints(n.intsAttr("pads"), 4, 0);
        if (Cg * group != C) throw new IllegalArgumentException("Conv weight " + w + " does not match " + C + " input channels in " + group + " groups");
        int OH = (H + pd[0] + pd[2] - dl[0] * (KH - 1) - 1) / st[0] + 1;
        int OW = (W + pd[1] + pd[3] - dl[1] * (KW - 1) - 1) / st[1] + 1;
        Tensor y = Tensor.zeros(N, M, OH, OW);
        int mPerG = M / group;
        double[] X = x.data(), Wt = w.data(), Y = y.data();
        for (int s = 0; s < N; s++) {
            for (int m = 0; m < M; m++) {
                int g = m / mPerG;
                double bias = b == null ? 0 : b.data()[m];
                for (int oh = 0; oh < OH; oh++) {
                    for (int ow = 0; ow < OW; ow++) {
                        double acc = bias;
                        for (int c = 0; c < Cg; c++) {
                            int ci = g * Cg + c;
                            for (int kh = 0; kh < KH; kh++) {
                                int ih = oh * st[0] - pd[0] + kh * dl[0];
                                if (ih < 0 || ih >= H) continue;
                                for (int kw = 0; kw < KW; kw++) {
                                    int iw = ow * st[1] - pd[1] + kw * dl[1];
                                    if (iw < 0 || iw >= W) continue;
                                    acc += X[((s * C + ci) * H + ih) * W + iw] * Wt[((m * Cg + c) * KH + kh) * KW + kw];
                                }
                            }
                        }
                        Y[((s * M + m) * OH + oh) * OW + ow] = acc;
                    }
                }
            }
        }
        return y;
    }

    static Tensor averagePool(Tensor x, OnnxGraph.Node n) {
        int N = x.dim(0), C = x.dim(1), H = x.dim(2), W = x.dim(3);
        int[] k = ints(n.intsAttr("kernel_shape"), 2, 1), st = ints(n.intsAttr("strides"), 2, 1), pd = ints(n.intsAttr("pads"), 4, 0);
        boolean countPad = n.intAttr("count_include_pad", 0) != 0;
        int OH = (H + pd[0] + pd[2] - k[0]) / st[0] + 1, OW = (W + pd[1] + pd[3] - k[1]) / st[1] + 1;
        Tensor y = Tensor.zeros(N, C, OH, OW);
        for (int s = 0; s < N * C; s++) {
            for (int oh = 0; oh < OH; oh++) {
                for (int ow = 0; ow < OW; ow++) {
                    double acc = 0;
                    int cnt = 0;
                    for (int a = 0; a < k[0]; a++) {
                        for (int c = 0; c < k[1]; c++) {
                            int ih = oh * st[0] - pd[0] + a, iw = ow * st[1] - pd[1] + c;
                            if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                            acc += x.data()[(s * H + ih) * W + iw];
                            cnt++;
                        }
                    }
                    y.data()[(s * OH + oh) * OW + ow] = acc / (countPad ? k[0] * k[1] : cnt);
                }
            }
        }
        return y;
    }
}
