package org.natca.intercom.sandbox.members;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The fixed reference tables of a synthetic member database: NATCA's nine regions, about 300 facilities
 * with three-letter codes (real identifiers first, then made-up ones), and member types. Always the same,
 * whatever the seed, so tests can name them.
 */
public final class ReferenceData {
  public static final int FACILITY_COUNT = 300;

  public static final List<Region> REGIONS = List.of(
      new Region(1, "NAL", "Alaskan"),
      new Region(2, "NCE", "Central"),
      new Region(3, "NEA", "Eastern"),
      new Region(4, "NGL", "Great Lakes"),
      new Region(5, "NNE", "New England"),
      new Region(6, "NNM", "Northwest Mountain"),
      new Region(7, "NSO", "Southern"),
      new Region(8, "NSW", "Southwest"),
      new Region(9, "NWP", "Western Pacific"));

  /** 6, 8 and 10 have fixed meanings in the sync; the others are named by the table. */
  public static final List<MemberType> MEMBER_TYPES = List.of(
      new MemberType(6, "Current Member"),
      new MemberType(7, "Associate Member"),
      new MemberType(8, "NATCA Employee"),
      new MemberType(9, "Honorary Member"),
      new MemberType(10, "Retired Member"),
      new MemberType(11, "Life Member"));

  private static final String[][] KNOWN = {
      {"ZAN", "A11", "ANC", "FAI", "JNU", "MRI", "ENA", "BET", "ADQ", "OME"},
      {"ZKC", "MCI", "STL", "T75", "M98", "OMA", "DSM", "ICT", "LNK", "CID", "SUX"},
      {"ZNY", "ZDC", "N90", "PCT", "JFK", "LGA", "EWR", "PHL", "IAD", "DCA", "BWI", "PIT", "ABE", "HPN", "ISP", "TEB", "MDT", "RIC", "ORF", "CRW"},
      {"ZAU", "ZOB", "ZID", "ZMP", "C90", "ORD", "MDW", "D21", "DTW", "CLE", "CMH", "IND", "MKE", "GRR", "SDF", "CVG", "FWA", "MSP"},
      {"ZBW", "A90", "BOS", "BDL", "PVD", "MHT", "PWM", "BTV", "Y90", "BGR"},
      {"ZSE", "ZLC", "ZDV", "D01", "S46", "P80", "SEA", "PDX", "SLC", "DEN", "BOI", "GEG", "BIL", "COS"},
      {"ZTL", "ZJX", "ZMA", "ZME", "A80", "ATL", "CLT", "MCO", "MIA", "TPA", "MEM", "BNA", "F11", "P31", "JAX", "RDU", "SAV", "CHS"},
      {"ZFW", "ZHU", "ZAB", "D10", "I90", "DFW", "DAL", "IAH", "HOU", "ABQ", "SAT", "AUS", "MSY", "OKC", "TUL", "ELP", "LIT"},
      {"ZLA", "ZOA", "ZAK", "HCF", "NCT", "SCT", "P50", "L30", "LAX", "SFO", "SAN", "PHX", "LAS", "OAK", "SJC", "SMF", "HNL", "OGG", "BUR", "ONT"},
  };

  private static final List<Facility> FACILITIES = buildFacilities();

  private ReferenceData() {}

  public static List<Facility> facilities() {
    return FACILITIES;
  }

  public static Facility facility(String code) {
    return FACILITIES.stream().filter(f -> f.code().equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no facility " + code));
  }

  public static Facility facility(int id) {
    return FACILITIES.get(id - 1);
  }

  public static Region region(String code) {
    return REGIONS.stream().filter(r -> r.code().equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no region " + code));
  }

  public static Region region(int id) {
    return REGIONS.get(id - 1);
  }

  private static List<Facility> buildFacilities() {
    List<Facility> out = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int r = 0; r < KNOWN.length; r++) {
      for (String code : KNOWN[r]) {
        used.add(code);
        out.add(new Facility(out.size() + 1, code, name(code), r + 1));
      }
    }
    // The rest are made up, from a fixed seed so they never change; no Z prefix (that marks a center).
    SplittableRandom random = new SplittableRandom(1987);
    int region = 0;
    while (out.size() < FACILITY_COUNT) {
      String code = "" + (char) ('A' + random.nextInt(25)) + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
      if (used.add(code)) {
        out.add(new Facility(out.size() + 1, code, name(code), region % REGIONS.size() + 1));
        region++;
      }
    }
    return List.copyOf(out);
  }

  private static String name(String code) {
    if (code.startsWith("Z")) {
      return code + " ARTCC";
    }
    if (Character.isDigit(code.charAt(1)) || Character.isDigit(code.charAt(2))) {
      return code + " TRACON";
    }
    return code + " ATCT";
  }
}
