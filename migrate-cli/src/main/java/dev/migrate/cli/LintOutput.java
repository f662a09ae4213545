package dev.migrate.cli;

import dev.migrate.LintFinding;
import dev.migrate.LintReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The lint report as JSON (fields as LintFinding names them) and as SARIF 2.1.0 for code-scanning UIs. */
final class LintOutput {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private LintOutput() {
    }

    record FindingJson(String rule, String severity, String script, int line, String statement, String problem,
            String fix) {
    }

    record ReportJson(Integer serverVersion, Integer scratchVersion, List<FindingJson> findings) {
    }

    static void json(PrintWriter out, LintReport report) {
        List<FindingJson> findings = report.findings().stream().map(f -> new FindingJson(f.rule(), f.severity().id(),
                f.script(), f.line(), f.statement(), f.problem(), f.fix())).toList();
        print(out, new ReportJson(orNull(report.serverVersion()), orNull(report.scratchVersion()), findings));
    }

    private static Integer orNull(int version) {
        return version == 0 ? null : version;
    }

    static void sarif(PrintWriter out, LintReport report) {
        Map<String, Object> rules = new LinkedHashMap<>();
        for (LintFinding finding : report.findings()) {
            rules.putIfAbsent(finding.rule(), Map.of("id", finding.rule(),
                    "shortDescription", Map.of("text", finding.problem()), "help", Map.of("text", finding.fix())));
        }
        List<Object> results = report.findings().stream().<Object>map(f -> Map.of("ruleId", f.rule(),
                "level", f.severity() == LintFinding.Severity.ERROR ? "error" : "warning",
                "message", Map.of("text", f.problem() + " Fix: " + f.fix()),
                "locations", List.of(Map.of("physicalLocation", Map.of(
                        "artifactLocation", Map.of("uri", f.script()),
                        "region", Map.of("startLine", Math.max(1, f.line())))))))
                .toList();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", Map.of("name", "migrate", "rules", List.copyOf(rules.values()))));
        run.put("results", results);
        // SARIF's property bag: which servers the findings are for (absent when lint did not connect)
        Map<String, Object> servers = new LinkedHashMap<>();
        if (report.serverVersion() != 0) {
            servers.put("serverVersion", report.serverVersion());
        }
        if (report.scratchVersion() != 0) {
            servers.put("scratchVersion", report.scratchVersion());
        }
        if (!servers.isEmpty()) {
            run.put("properties", servers);
        }
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        print(out, log);
    }

    private static void print(PrintWriter out, Object value) {
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }
}
