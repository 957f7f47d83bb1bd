package org.natca.intercom.audit;

import java.nio.file.Path;
import org.natca.intercom.report.RunReport;

/**
 * What an audit run came to: the run report (its {@code audit} section holds the findings), the
 * findings as lines for the human summary, and the journal (null when nothing was written).
 */
public record AuditResult(RunReport report, String findings, Path journal) {}
