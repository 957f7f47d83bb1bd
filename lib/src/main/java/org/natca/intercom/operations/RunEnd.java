package org.natca.intercom.operations;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a run ended: its exit code, its run report as JSON (null when it ended before it had one, e.g. on
 * an exception) and, then, the one-line error.
 */
public record RunEnd(int exitCode, JsonNode report, String error) {}
