package io.github.camelfinsify.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time from {@code /proc/stat}: how busy all CPUs were between two readings, whoever used
 * them (this JVM, the canned server, other processes). Without /proc, readings are zero and busy() is NaN.
 */
record MachineCpu(long busy, long total) {

    static MachineCpu read() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0); // cpu user nice system idle iowait ...
            String[] f = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new MachineCpu(total - idle, total);
        } catch (IOException | RuntimeException e) {
            return new MachineCpu(0, 0);
        }
    }

    /** Share of all CPUs' time that was busy since {@code earlier}, 0..1. */
    double busySince(MachineCpu earlier) {
        long total = this.total - earlier.total;
        return total <= 0 ? Double.NaN : (double) (busy - earlier.busy) / total;
    }
}
