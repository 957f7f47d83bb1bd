package org.natca.intercom.sandbox.members;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Draws every member and position from one random stream, in a fixed order. */
final class MemberGenerator {
  private final SplittableRandom random;
  private final LocalDate today;
  private final List<MemberRow> members = new ArrayList<>();
  private final List<PositionRow> positions = new ArrayList<>();

  MemberGenerator(SplittableRandom random, LocalDate today) {
    this.random = random;
    this.today = today;
  }

  SyntheticMembers.Generated run(int count, int first) {
    for (int i = 0; i < count; i++) {
      members.add(member(first + i));
    }
    leaders();
    for (MemberRow m : members) {
      positionsOf(m);
    }
    return new SyntheticMembers.Generated(List.copyOf(members), List.copyOf(positions));
  }

  private MemberRow member(int number) {
    String status = status();
    boolean retired = status.equals("Retired");
    String first = SyntheticMembers.pick(Names.FIRST, random);
    String last = random.nextInt(200) == 0 ? null : SyntheticMembers.pick(Names.LAST, random);
    String email = email(number, first, last);
    String phone = phone();
    if (random.nextInt(100) == 0) {
      // Data entry leaves stray spaces; the sync must trim and single-space names.
      first = "  " + first;
      last = last == null ? null : last + "  ";
    } else if (random.nextInt(200) == 0) {
      first = first + "   " + SyntheticMembers.pick(Names.FIRST, random);
    }
    Integer type = memberType(status);
    Facility facility = SyntheticMembers.pick(ReferenceData.facilities(), random);
    Integer regionId = facility.regionId();
    Integer facilityId = facility.id();
    int placement = random.nextInt(100);
    if (retired ? placement < 50 : placement < 2) {
      facilityId = null;
    }
    if (!retired && placement == 2) {
      regionId = null;
      facilityId = null;
    }
    return new MemberRow(number, first, last, email, phone, status, type, regionId, facilityId);
  }

  private String status() {
    int r = random.nextInt(1000);
    if (r < 800) {
      return "Active";
    }
    if (r < 940) {
      return "Retired";
    }
    if (r < 960) {
      return "Suspended";
    }
    if (r < 980) {
      return "Terminated";
    }
    return r < 990 ? "Deceased" : "Inactive";
  }

  private Integer memberType(String status) {
    int r = random.nextInt(100);
    if (status.equals("Retired")) {
      if (r < 85) {
        return 10;
      }
      return r < 95 ? Integer.valueOf(6) : null;
    }
    if (r < 89) {
      return 6;
    }
    if (r < 92) {
      return 7;
    }
    if (r < 94) {
      return 8;
    }
    if (r < 95) {
      return 9;
    }
    return r < 97 ? Integer.valueOf(11) : null;
  }

  private String email(int number, String first, String last) {
    int r = random.nextInt(1000);
    if (r < 12) {
      return null;
    }
    if (r < 20) {
      return r < 16 ? "" : "   ";
    }
    if (r < 22 && !members.isEmpty()) {
      // Two members sharing one address (a couple, a facility account), in different case.
      for (int back = members.size() - 1; back >= Math.max(0, members.size() - 20); back--) {
        String other = members.get(back).email();
        if (other != null && !other.isBlank()) {
          return other.trim().toUpperCase(Locale.ROOT);
        }
      }
    }
    String f = ascii(first);
    String l = last == null ? "member" : ascii(last);
    String local;
    switch (random.nextInt(4)) {
      case 0:
        local = f + "." + l + number;
        break;
      case 1:
        local = f.charAt(0) + l + number;
        break;
      case 2:
        local = f + "_" + l + "_" + number;
        break;
      default:
        local = l + "." + f + "." + number;
        break;
    }
    String email = local + "@" + SyntheticMembers.pick(Names.DOMAINS, random);
    int style = random.nextInt(100);
    if (style < 10) {
      email = capitalized(email);
    } else if (style < 12) {
      email = email.toUpperCase(Locale.ROOT);
    } else if (style < 16) {
      email = " " + email + (style < 14 ? " " : "\t");
    }
    return email;
  }

  private String phone() {
    int r = random.nextInt(100);
    if (r < 5) {
      return null;
    }
    if (r < 8) {
      return SyntheticMembers.pick(Names.INVALID_PHONES, random);
    }
    return format(validPhone(random), random.nextInt(7));
  }

  /** A valid US number as E.164. */
  static String validPhone(SplittableRandom random) {
    int area = SyntheticMembers.pick(Names.AREA_CODES, random);
    int exchange;
    do {
      exchange = 200 + random.nextInt(800);
    } while (exchange % 100 == 11 || exchange == 555);
    return String.format("+1%03d%03d%04d", area, exchange, random.nextInt(10_000));
  }

  private static String format(String e164, int style) {
    String a = e164.substring(2, 5);
    String e = e164.substring(5, 8);
    String l = e164.substring(8);
    switch (style) {
      case 0:
        return "(" + a + ") " + e + "-" + l;
      case 1:
        return a + "-" + e + "-" + l;
      case 2:
        return a + e + l;
      case 3:
        return "1-" + a + "-" + e + "-" + l;
      case 4:
        return "+1 " + a + " " + e + " " + l;
      case 5:
        return a + "." + e + "." + l;
      default:
        return e164;
    }
  }

  /** The national officers: a president, an executive VP, one regional VP a region; all sit on the NEB. */
  private void leaders() {
    List<MemberRow> active = members.stream().filter(m -> m.status().equals("Active") && m.regionId() != null).toList();
    if (active.isEmpty()) {
      return;
    }
    LocalDate termStart = today.minusYears(2).withDayOfMonth(1);
    positions.add(new PositionRow(active.get(0).memberNumber(), "pres", termStart, null));
    positions.add(new PositionRow(active.get(0).memberNumber(), "neb", termStart, null));
    if (active.size() > 1) {
      positions.add(new PositionRow(active.get(1).memberNumber(), "evp", termStart, today.plusYears(1)));
      positions.add(new PositionRow(active.get(1).memberNumber(), "neb", termStart, null));
    }
    for (Region region : ReferenceData.REGIONS) {
      active.stream().skip(2).filter(m -> m.regionId() == region.id()).findFirst().ifPresent(m -> {
        positions.add(new PositionRow(m.memberNumber(), "rvp", termStart, null));
        positions.add(new PositionRow(m.memberNumber(), "neb", termStart, null));
      });
    }
    members.stream().filter(m -> m.status().equals("Retired")).findFirst().ifPresent(m ->
        positions.add(new PositionRow(m.memberNumber(), "pres", termStart.minusYears(6), termStart.minusDays(1))));
  }

  private void positionsOf(MemberRow m) {
    if (m.status().equals("Active")) {
      if (random.nextInt(100) < 8) {
        positions.add(position(m, "facrep"));
        if (random.nextInt(20) == 0) {
          // The same current position twice: the sync must de-duplicate labels.
          positions.add(new PositionRow(m.memberNumber(), "facrep", today.minusYears(1), null));
        }
      }
      if (random.nextInt(1000) < 15) {
        positions.add(position(m, "facpres"));
      }
      if (random.nextInt(1000) < 12) {
        positions.add(position(m, "arearep"));
      }
      if (random.nextInt(1000) < 5) {
        positions.add(position(m, SyntheticMembers.UNKNOWN_POSITION));
      }
    } else if (m.status().equals("Retired") && random.nextInt(10) == 0) {
      LocalDate end = today.minusDays(1 + random.nextInt(2000));
      positions.add(new PositionRow(m.memberNumber(), SyntheticMembers.pick(List.of("facrep", "facpres", "arearep"), random), end.minusYears(4), end));
    }
  }

  /** Mostly open-ended; some ending later, some ended already, a few ending exactly today (still current). */
  private PositionRow position(MemberRow m, String code) {
    LocalDate start = today.minusDays(30 + random.nextInt(3650));
    int r = random.nextInt(1000);
    LocalDate end;
    if (r < 650) {
      end = null;
    } else if (r < 800) {
      end = today.plusDays(1 + random.nextInt(700));
    } else if (r < 995) {
      end = today.minusDays(1 + random.nextInt(900));
      start = end.minusDays(30 + random.nextInt(1500));
    } else {
      end = today;
    }
    return new PositionRow(m.memberNumber(), code, start, end);
  }

  private static String ascii(String s) {
    String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static String capitalized(String email) {
    StringBuilder b = new StringBuilder(email.length());
    boolean up = true;
    for (char ch : email.toCharArray()) {
      b.append(up ? Character.toUpperCase(ch) : ch);
      up = ch == '.' || ch == '@' || ch == '_';
    }
    return b.toString();
  }
}
