package io.github.camelfinsify.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ratios (with their targets) computed from the figures, and the Markdown rendering of both. */
final class Report {

    private Report() {
    }

    // --- ratios --------------------------------------------------------------------------------------------

    static List<Map<String, Object>> ratios(Map<String, Object> out) {
        List<Map<String, Object>> ratios = new ArrayList<>();
        Map<String, Object> producer = map(out.get("producer"));
        if (producer != null) {
            for (String key : List.of("interleaved", "interleaved2")) {
                Map<String, Object> il = map(producer.get(key));
                if (il != null) {
                    producerRatios(ratios, il, key.equals("interleaved") ? "" : " (2 threads)");
                }
            }
        }
        Map<String, Object> webhook = map(out.get("webhook"));
        if (webhook != null) {
            Map<String, Object> f = map(webhook.get("finsifyWebhook"));
            Map<String, Object> b = map(webhook.get("bare"));
            Map<String, Object> r = plainRatio("Webhook intake: events/s, finsify:webhook / bare platform-http route",
                    num(f, "requestsPerSecond"), num(b, "requestsPerSecond"), "req/s");
            // issue 11: the hardened intake stays at 0.9x the bare route or more
            setTarget(r, 0.9, true);
            ratios.add(r);
            ratios.add(plainRatio("Webhook intake: p99 latency, finsify:webhook / bare route (lower is better)",
                    num(f, "p99Millis"), num(b, "p99Millis"), "ms"));
        } else {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("figure", "Webhook intake: events/s, finsify:webhook / bare platform-http route");
            r.put("target", "≥ 0.90");
            r.put("met", null);
            r.put("note", "not measured in this run");
            ratios.add(r);
        }
        Map<String, Object> streaming = map(out.get("streaming"));
        if (streaming != null) {
            Map<String, Object> s = map(streaming.get("streaming"));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("figure", "Streaming: 1,000,000 transactions with `streaming=true` complete under -Xmx64m");
            boolean ok = Boolean.TRUE.equals(s.get("completesAt64m"));
            r.put("finsify", ok ? "completed" : "failed");
            r.put("target", "completes");
            r.put("met", ok);
            ratios.add(r);
            for (String other : List.of("list", "tree")) {
                ratios.add(plainRatio("Streaming: parse rate at -Xmx" + StreamingBench.LARGE_HEAP + ", streaming=true / "
                                      + (other.equals("list") ? "list mode" : "Jackson readTree"),
                        num(map(s.get("atLargeHeap")), "transactionsPerSecond"),
                        num(map(map(streaming.get(other)).get("atLargeHeap")), "transactionsPerSecond"), "tx/s"));
                ratios.add(plainRatio("Streaming: peak live heap, streaming=true / "
                                      + (other.equals("list") ? "list mode" : "Jackson readTree") + " (lower is better)",
                        mb(num(map(s.get("at64m")), "peakHeapAfterGcBytes")),
                        mb(num(map(map(streaming.get(other)).get("atLargeHeap")), "peakHeapAfterGcBytes")), "MB"));
            }
        }
        return ratios;
    }

    /**
     * The producer's rows of one interleaved run: typed baselines (calls/s, then CPU), untyped baselines, noise gauge.
     * The 1-thread run keeps the row names of the runs before the untyped baselines were added.
     */
    private static void producerRatios(List<Map<String, Object>> ratios, Map<String, Object> il, String threads) {
        Map<String, Object> variants = map(il.get("variants"));
        Map<String, Object> paired = map(il.get("pairedRatios"));
        for (String metric : List.of("callsPerSecond", "threadCpuPerCall")) {
            for (String op : List.of("Accounts", "Transactions50")) {
                for (String base : ProducerInterleaved.BASELINES) {
                    boolean calls = metric.equals("callsPerSecond");
                    Map<String, Object> pr = map(paired.get("finsify/" + base + op + ":" + metric));
                    if (pr == null) {
                        continue;
                    }
                    String field = calls ? "callsPerSecond" : "threadCpuMicrosPerCall";
                    Map<String, Object> r = plainRatio("Producer " + operationName(op) + ": "
                                                       + (calls ? "calls/s" : "client CPU per call") + ", finsify / "
                                                       + variantName(base).replace("`", "")
                                                       + (calls ? "" : " (lower is better)") + threads,
                            num(map(variants.get("finsify" + op)), field),
                            num(map(variants.get(base + op)), field), calls ? "calls/s" : "µs");
                    r.put("ratio", pr.get("median"));
                    r.put("ratioMin", pr.get("min"));
                    r.put("ratioMax", pr.get("max"));
                    if (calls) {
                        // typed: the targets of the first runs; untyped: issue 17's
                        setTarget(r, switch (base) {
                            case "httpClient" -> 0.9;
                            case "camelHttp", "httpClientTree" -> 1.0;
                            default -> 1.1;
                        }, true);
                    }
                    ratios.add(r);
                }
            }
        }
        for (String op : List.of("Accounts", "Transactions50")) {
            Map<String, Object> pr = map(paired.get("finsify/" + ProducerInterleaved.GAUGE + op + ":callsPerSecond"));
            if (pr == null) {
                continue;
            }
            Map<String, Object> r = plainRatio("Noise gauge: producer " + operationName(op)
                                               + ", calls/s, finsify / the same finsify calls measured again" + threads,
                    num(map(variants.get("finsify" + op)), "callsPerSecond"),
                    num(map(variants.get(ProducerInterleaved.GAUGE + op)), "callsPerSecond"), "calls/s");
            r.put("ratio", pr.get("median"));
            r.put("ratioMin", pr.get("min"));
            r.put("ratioMax", pr.get("max"));
            ratios.add(r);
        }
    }

    private static String operationName(String op) {
        return op.equals("Accounts") ? "`accounts`" : "`transactions` (50)";
    }

    private static void setTarget(Map<String, Object> r, double target, boolean higherIsBetter) {
        r.put("target", (higherIsBetter ? "≥ " : "≤ ") + String.format("%.2f", target));
        Object ratio = r.get("ratio");
        r.put("met", ratio == null ? null
                : higherIsBetter ? ((Number) ratio).doubleValue() >= target : ((Number) ratio).doubleValue() <= target);
    }

    private static Map<String, Object> plainRatio(String figure, double finsify, double baseline, String unit) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("figure", figure);
        r.put("finsify", finsify);
        r.put("baseline", baseline);
        r.put("unit", unit);
        r.put("ratio", baseline > 0 && !Double.isNaN(finsify) ? finsify / baseline : null);
        r.put("target", null);
        r.put("met", null);
        return r;
    }

    // --- markdown ------------------------------------------------------------------------------------------

    static String markdown(Map<String, Object> out) {
        StringBuilder md = new StringBuilder();
        md.append("# camel-finsify benchmarks: latest run\n\n");
        md.append("Generated by `").append(out.get("command")).append("` at ").append(out.get("generatedAt"))
                .append(" in ").append(out.get("durationSeconds")).append(" s. Same figures as `latest.json`; raw ")
                .append("JMH, wrk and child-JVM outputs are in `raw/`. Ratios come from this one run; absolute ")
                .append("figures are context only (shared, noisy 2-core machine; client and server on the same cores; ")
                .append("short runs). See `docs/performance.md`.\n\n");
        if (Boolean.TRUE.equals(out.get("quick"))) {
            md.append("**Quick mode: a smoke test of the harness, not figures to publish.**\n\n");
        }
        md.append("## Ratios\n\n| Figure | finsify | baseline | ratio | target | met |\n|---|---:|---:|---:|---|---|\n");
        for (Map<String, Object> r : listOfMaps(out.get("ratios"))) {
            md.append("| ").append(r.get("figure")).append(" | ").append(value(r.get("finsify"), r.get("unit")))
                    .append(" | ").append(value(r.get("baseline"), r.get("unit"))).append(" | ");
            if (r.get("ratio") != null) {
                md.append(String.format("%.2f", ((Number) r.get("ratio")).doubleValue()));
                if (r.get("ratioMin") != null) {
                    md.append(String.format(" (%.2f–%.2f)", ((Number) r.get("ratioMin")).doubleValue(),
                            ((Number) r.get("ratioMax")).doubleValue()));
                } else if (r.get("ratioError") != null) {
                    md.append(String.format(" ± %.2f", ((Number) r.get("ratioError")).doubleValue()));
                }
            } else if (r.get("note") != null) {
                md.append(r.get("note"));
            }
            md.append(" | ").append(r.get("target") == null ? "" : r.get("target")).append(" | ")
                    .append(r.get("met") == null ? (r.get("target") == null ? "" : "not measured")
                            : Boolean.TRUE.equals(r.get("met")) ? "yes" : "**no**")
                    .append(" |\n");
        }

        Map<String, Object> machine = map(out.get("machine"));
        md.append("\n## Machine\n\n");
        md.append("- CPUs: ").append(machine.get("cpus")).append(" (").append(machine.get("cpuModel")).append(")\n");
        md.append("- Memory: ").append(machine.get("memory")).append("\n");
        md.append("- JDK: ").append(machine.get("jdk")).append("\n");
        md.append("- OS: ").append(machine.get("os")).append("\n");
        md.append("- Load average (1 min) at start: ").append(String.format("%.2f",
                ((Number) machine.get("loadAverageAtStart")).doubleValue())).append("; when each part started: ")
                .append(out.get("loadAverages")).append(" (2 CPUs: above ~2, other processes were competing)\n");
        md.append("\n## Settings\n\n");
        map(out.get("settings")).forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append("\n"));

        Map<String, Object> producer = map(out.get("producer"));
        if (producer != null) {
            Map<String, Object> jmh = map(producer.get("jmh"));
            md.append("\n## Producer overhead\n\nThe canned server is another JVM on loopback. Interleaved columns: ")
                    .append("median over the measured rounds (calls/s: min–max of the rounds); CPU and allocation per ")
                    .append("call are the calling threads' (ThreadMXBean). The ratios above are medians of per-round ")
                    .append("ratios (neighbours in time), not ratios of these medians. Typed variants return the ")
                    .append("component's records; untyped ones a `Map` or a `JsonNode` of the body's `data`. JMH ")
                    .append("columns (1 thread): the same calls run one after another (1 fork each), as a cross-check; ")
                    .append("\"alloc (JMH gc)\" is gc.alloc.rate.norm.\n");
            for (String key : List.of("interleaved", "interleaved2")) {
                Map<String, Object> il = map(producer.get(key));
                if (il == null) {
                    continue;
                }
                Map<String, Object> variants = map(il.get("variants"));
                boolean one = key.equals("interleaved");
                md.append("\n### ").append(one ? "1 client thread (pinned with the server to one CPU)"
                        : "2 client threads (both CPUs)").append("\n\n")
                        .append("| call | variant | calls/s | thread CPU/call | alloc/call |")
                        .append(one ? " JMH calls/s | alloc (JMH gc) |\n|---|---|---:|---:|---:|---:|---:|\n"
                                : "\n|---|---|---:|---:|---:|\n");
                for (String op : List.of("Accounts", "Transactions50")) {
                    Map<String, Object> j = map(jmh.get(op.equals("Accounts") ? "accounts" : "transactions50"));
                    for (String variant : List.of("finsify", "camelHttp", "httpClient", "camelHttpMap",
                            "httpClientTree", ProducerInterleaved.GAUGE)) {
                        Map<String, Object> v = map(variants.get(variant + op));
                        if (v == null) {
                            continue;
                        }
                        md.append(String.format("| %s | %s | %,.0f (%,.0f–%,.0f) | %.1f µs | %,.0f B |",
                                op.equals("Accounts") ? "accounts" : "transactions (50)", variantName(variant),
                                num(v, "callsPerSecond"), num(v, "callsPerSecondMin"), num(v, "callsPerSecondMax"),
                                num(v, "threadCpuMicrosPerCall"), num(v, "threadAllocBytesPerCall")));
                        Map<String, Object> row = j == null ? null : map(j.get(variant));
                        if (one) {
                            md.append(row == null ? "  |  |" : String.format(" %,.0f ± %,.0f | %,.0f B |",
                                    num(row, "score"), num(row, "error"), num(row, "allocBytesPerOp")));
                        }
                        md.append("\n");
                    }
                }
            }
        }

        Map<String, Object> streaming = map(out.get("streaming"));
        if (streaming != null) {
            md.append("\n## Streaming 1,000,000 transactions (~330 MB of JSON)\n\n")
                    .append("| mode | -Xmx64m | rate at -Xmx").append(StreamingBench.LARGE_HEAP)
                    .append(" | peak live heap | smallest heap that completed |\n|---|---|---:|---:|---|\n");
            for (String mode : StreamingBench.MODES) {
                Map<String, Object> row = map(streaming.get(mode));
                Map<String, Object> small = map(row.get("at64m"));
                Map<String, Object> large = map(row.get("atLargeHeap"));
                Map<String, Object> peakSource = Boolean.TRUE.equals(small.get("ok")) ? small : large;
                String smallest = Boolean.TRUE.equals(small.get("ok")) ? "64 MB (target)"
                        : row.get("smallestHeapThatCompletedMb") != null
                        ? row.get("smallestHeapThatCompletedMb") + " MB (ladder from 1.15 × peak)"
                        : "none of the ladder";
                md.append(String.format("| %s | %s | %s | %s | %s |%n", modeName(mode),
                        Boolean.TRUE.equals(small.get("ok")) ? String.format("completed, %,.0f tx/s",
                                num(small, "transactionsPerSecond")) : "fails: " + small.get("failure"),
                        Boolean.TRUE.equals(large.get("ok")) ? String.format("%,.0f tx/s",
                                num(large, "transactionsPerSecond")) : "failed: " + large.get("failure"),
                        Boolean.TRUE.equals(peakSource.get("ok")) ? String.format("%.0f MB (at -Xmx%s)",
                                mb(num(peakSource, "peakHeapAfterGcBytes")), peakSource.get("heap")) : "",
                        smallest));
            }
        }

        Map<String, Object> webhook = map(out.get("webhook"));
        md.append("\n## Webhook intake\n\n");
        if (webhook == null) {
            md.append("Not measured in this run.\n");
        } else {
            md.append("| route | events/s | p50 | p99 | requests | errors |\n|---|---:|---:|---:|---:|---:|\n");
            for (String route : List.of("finsifyWebhook", "bare")) {
                Map<String, Object> row = map(webhook.get(route));
                md.append(String.format("| %s | %,.0f | %.2f ms | %.2f ms | %,d | %d |%n",
                        route.equals("bare") ? "bare `platform-http` route (200)" : "`finsify:webhook`",
                        num(row, "requestsPerSecond"), num(row, "p50Millis"), num(row, "p99Millis"),
                        ((Number) row.get("requests")).longValue(), ((Number) row.get("errors")).longValue()));
            }
            md.append("\nEvents that reached the finsify route (warm-up included): ")
                    .append(webhook.get("eventsDeliveredToRoute")).append(".\n");
        }

        Map<String, Object> sync = map(out.get("sync"));
        md.append("\n## Sync feed (10,000-transaction window)\n\n");
        if (sync == null) {
            md.append("Not measured in this run.\n");
        } else {
            md.append("| step | time/op | alloc/op (gc prof) | thread CPU/op |\n|---|---:|---:|---:|\n");
            for (String name : List.of("diffWindow", "pollWindow", "initialSync")) {
                Map<String, Object> row = map(sync.get(name));
                if (row == null) {
                    continue;
                }
                md.append(String.format("| %s | %.2f ± %.2f %s | %,.0f B | %,.0f µs |%n", syncName(name),
                        num(row, "score"), num(row, "error"), row.get("unit"), num(row, "allocBytesPerOp"),
                        num(row, "threadCpuMicrosPerOp")));
            }
            Map<String, Object> size = map(sync.get("stateSizePerAccount"));
            md.append(String.format("%nState size per account: %,d bytes for %,d transactions in the window "
                                    + "(%.1f bytes per transaction), as stored in the StateRepository.%n",
                    ((Number) size.get("stateBytes")).longValue(), ((Number) size.get("transactionsInWindow")).longValue(),
                    num(size, "bytesPerTransaction")));
        }
        return md.toString();
    }

    private static String variantName(String variant) {
        return switch (variant) {
            case "finsify" -> "`finsify:` producer";
            case "camelHttp" -> "camel-http + camel-jackson route";
            case "camelHttpMap" -> "camel-http + camel-jackson route to `Map` (untyped)";
            case "httpClientTree" -> "HttpClient 5 + Jackson `readTree` (untyped)";
            case ProducerInterleaved.GAUGE -> "`finsify:` producer again (noise gauge)";
            default -> "HttpClient 5 + Jackson";
        };
    }

    private static String modeName(String mode) {
        return switch (mode) {
            case "streaming" -> "`streaming=true`";
            case "list" -> "list (`transactions`)";
            default -> "Jackson `readTree`";
        };
    }

    private static String syncName(String name) {
        return switch (name) {
            case "diffWindow" -> "diff: decode state + diff the parsed window (100 added, 100 modified, 100 removed)";
            case "pollWindow" -> "whole poll: GET + parse 10,000, diff, commit 300 changes, save";
            default -> "initial sync: GET + parse 10,000, 10,000 added, commit all, save";
        };
    }

    private static String value(Object v, Object unit) {
        if (v == null) {
            return "";
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            String s = d >= 100 ? String.format("%,.0f", d) : String.format("%.2f", d);
            return unit == null ? s : s + " " + unit;
        }
        return v.toString();
    }

    static double mb(double bytes) {
        return bytes / (1024 * 1024);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOfMaps(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    static double num(Map<String, Object> m, String key) {
        if (m == null || !(m.get(key) instanceof Number n)) {
            return Double.NaN;
        }
        return n.doubleValue();
    }
}
