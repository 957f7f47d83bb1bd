package org.natca.intercom.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.natca.intercom.app.wiring.Components;
import org.natca.intercom.app.wiring.Environment;
import org.natca.intercom.config.Config;
import org.natca.intercom.input.LocatedJson;
import org.natca.intercom.manual.ManualUpdate;
import org.natca.intercom.manual.Mapping;
import org.natca.intercom.manual.Mappings;
import org.natca.intercom.manual.MappingsFile;
import org.natca.intercom.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "manual-update",
    mixinStandardHelpOptions = true,
    description = {
        "Links the Intercom contacts listed in FILE to the members they are.",
        "For the cases the automatic jobs cannot decide. FILE is a JSON array like",
        "mappings.example.json:",
        "  [{\"contact_id\": \"67eb0a6e8f72a828ba21c342\", \"member_number\": \"12345\"}]",
        "member_number is digits, as a number or a string. An entry may also have a",
        "\"note\" (ignored); any other key is an error. A contact and a member may",
        "each appear once.",
        "",
        "The whole file is checked first: each problem is one line on stderr (the first",
        "50 are listed, then a count), and the run stops with exit 2 before the database",
        "or Intercom is asked anything. FILE must be a regular file of at most 10 MiB.",
        "Then, entry by entry: the member must be Active or Retired, with an email;",
        "the contact gets the member's data. An archived contact is unarchived first;",
        "a lead is merged into the member's user, which is created when there is none.",
        "A contact of another member, or a member whose email another user already",
        "has, is reported and left alone. Exit 1 when any entry was not done (failed",
        "or blocked); running the file again is safe."})
public final class ManualUpdateCommand implements Callable<Integer> {
  /** A file with thousands of problems is one mistake repeated: the first ones show it. */
  static final int MAX_PROBLEMS_LISTED = 50;

  private final Environment environment;

  @Parameters(index = "0", paramLabel = "FILE", description = "The mappings file (JSON).")
  Path file;

  @Mixin RunOptions run;

  public ManualUpdateCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    run.checkReportPath();
    MappingsFile parsed = Mappings.read(file);
    if (parsed instanceof MappingsFile.Unreadable unreadable) {
      environment.err().println("error: " + unreadable.problem() + "; nothing was done");
      environment.err().flush();
      return ExitCodes.BAD_INPUT;
    }
    if (parsed instanceof MappingsFile.Invalid invalid) {
      LocatedJson.report(invalid.problems(), MAX_PROBLEMS_LISTED, file.toString(), "done").forEach(environment.err()::println);
      environment.err().flush();
      return ExitCodes.BAD_INPUT;
    }
    List<Mapping> mappings = ((MappingsFile.Valid) parsed).mappings();
    Config config = environment.config();
    config.requireIntercomAccessToken();
    config.requireDatabaseUrl();
    if (mappings.isEmpty()) {
      environment.out().println(file + " has no mappings: nothing to do");
      return finish(new RunReport(ManualUpdate.COMMAND, run.dryRun, environment.clock()));
    }
    try (Components components = environment.components(config)) {
      return finish(components.manualUpdate().run(mappings, run.dryRun));
    }
  }

  private int finish(RunReport report) {
    report.put("mappingsFile", file.toString());
    int code = Reports.finish(report, run, environment);
    // Someone asked for exactly these entries: one that is blocked was not done, unlike in daily-sync.
    if (code == ExitCodes.OK && report.get(RunReport.Total.BLOCKED) > 0) {
      return ExitCodes.SOME_FAILED;
    }
    return code;
  }
}
