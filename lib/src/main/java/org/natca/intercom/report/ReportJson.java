package org.natca.intercom.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The run report as the JSON of CONTRACT.md ("Run report"). */
public final class ReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  /** The report as JSON-ready maps, keys as the contract names them. */
  public static Map<String, Object> toMap(RunReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", r.command());
    m.put("dryRun", r.dryRun());
    m.put("startedAt", r.startedAt().toString());
    m.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
    m.put("durationSeconds", r.duration().toMillis() / 1000.0);
    Map<String, Object> t = new LinkedHashMap<>();
    for (RunReport.Total total : RunReport.Total.values()) {
      t.put(total.key(), r.get(total));
    }
    m.put("totals", t);
    m.put("requests", Map.of("total", r.requestsTotal(), "writes", r.requestsWrites()));
    m.put("errors", r.errors());
    if (r.abortReason() != null) {
      m.put("aborted", r.abortReason());
    }
    m.put("blocked", r.blockedContacts());
    m.put("unrecoverable", r.unrecoverableContacts());
    m.put("warnings", r.warnings());
    m.put("actions", r.actions());
    m.putAll(r.extra());
    return m;
  }

  /** Written whole and owner-only (see {@link ReportFile#write}). */
  public static void write(RunReport r, Path file) {
    try {
      ReportFile.write(file, MAPPER.writeValueAsBytes(toMap(r)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report to " + file + ": " + e.getMessage(), e);
    }
  }
}
