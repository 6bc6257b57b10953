import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** java.time with fixed dates only, formatted with explicit locales. */
public class TimeApi {

  public static void main(String[] args) {
    LocalDate launch = LocalDate.of(2024, Month.FEBRUARY, 27);
    System.out.println("launch: " + launch + ", " + launch.getDayOfWeek() + ", day of year "
        + launch.getDayOfYear() + ", leap year " + launch.isLeapYear());
    for (int days : new int[] {1, 2, 3, 365}) {
      System.out.println("  +" + days + " days: " + launch.plusDays(days));
    }
    System.out.println("plus 1 month from Jan 31: " + LocalDate.of(2023, 1, 31).plusMonths(1));
    LocalDate end = LocalDate.of(2025, 11, 3);
    Period period = Period.between(launch, end);
    System.out.println("period: " + period + " = " + period.getYears() + "y " + period.getMonths()
        + "m " + period.getDays() + "d, total months " + period.toTotalMonths());
    System.out.println("days between: " + ChronoUnit.DAYS.between(launch, end) + ", weeks: "
        + ChronoUnit.WEEKS.between(launch, end));
    System.out.println("last day of month: " + launch.with(TemporalAdjusters.lastDayOfMonth())
        + ", next Monday: " + launch.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
        + ", first Friday: " + launch.with(TemporalAdjusters.firstInMonth(DayOfWeek.FRIDAY)));
    System.out.println("Feb lengths: " + YearMonth.of(2024, 2).lengthOfMonth() + " "
        + YearMonth.of(2100, 2).lengthOfMonth() + ", year 2000 leap: " + Year.isLeap(2000));

    DateTimeFormatter custom = DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu", Locale.ENGLISH);
    System.out.println("formatted: " + launch.format(custom));
    System.out.println("french: " + launch.format(
        DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.FRENCH)));
    System.out.println("ISO: " + launch.format(DateTimeFormatter.ISO_LOCAL_DATE) + " basic: "
        + launch.format(DateTimeFormatter.BASIC_ISO_DATE) + " week date: "
        + launch.format(DateTimeFormatter.ISO_WEEK_DATE));
    LocalDate parsed = LocalDate.parse("03/15/2021", DateTimeFormatter.ofPattern("MM/dd/uuuu",
        Locale.ROOT));
    System.out.println("parsed: " + parsed + " " + parsed.getMonth().getDisplayName(TextStyle.SHORT,
        Locale.ENGLISH));
    try {
      LocalDate.parse("2021-02-30");
    } catch (DateTimeParseException e) {
      System.out.println("invalid date: " + e.getMessage());
    }

    LocalDateTime meeting = LocalDateTime.of(2024, 3, 9, 14, 30, 15);
    System.out.println("meeting: " + meeting + " -> " + meeting.format(
        DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)) + ", truncated "
        + meeting.truncatedTo(ChronoUnit.HOURS));
    LocalTime opening = LocalTime.of(9, 0);
    LocalTime closing = LocalTime.of(17, 45, 30);
    Duration open = Duration.between(opening, closing);
    System.out.println("open for " + open + " = " + open.toMinutes() + " minutes, "
        + open.toHoursPart() + "h" + open.toMinutesPart() + "m" + open.toSecondsPart() + "s");
    System.out.println("durations: " + Duration.ofMinutes(135) + " " + Duration.ofMillis(1500)
        + " " + Duration.ofDays(2).plusHours(3) + " " + Duration.ofSeconds(-90)
        + " compare " + Duration.ofHours(1).compareTo(Duration.ofMinutes(59)));

    ZonedDateTime paris = ZonedDateTime.of(LocalDateTime.of(2024, 3, 30, 12, 0),
        ZoneId.of("Europe/Paris"));
    System.out.println("Paris: " + paris + ", next day: " + paris.plusDays(1) + ", +24h: "
        + paris.plusHours(24));
    System.out.println("in Tokyo: " + paris.withZoneSameInstant(ZoneId.of("Asia/Tokyo"))
        + ", UTC: " + paris.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
    Instant epoch = Instant.ofEpochSecond(1_700_000_000L);
    System.out.println("instant: " + epoch + ", epoch millis " + epoch.toEpochMilli()
        + ", at +05:30 " + epoch.atOffset(ZoneOffset.ofHoursMinutes(5, 30)));
    System.out.println("RFC 1123: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(
        epoch.atZone(ZoneOffset.UTC)));
    System.out.println("month arithmetic: " + Month.NOVEMBER.plus(3) + " "
        + Month.FEBRUARY.maxLength() + " " + DayOfWeek.SUNDAY.plus(1)
        + " " + DayOfWeek.WEDNESDAY.getDisplayName(TextStyle.FULL, Locale.GERMAN));
    int count = 0;
    for (LocalDate day = LocalDate.of(2024, 1, 1); day.getYear() == 2024; day = day.plusDays(1)) {
      if (day.getDayOfMonth() == 13 && day.getDayOfWeek() == DayOfWeek.FRIDAY) {
        System.out.println("Friday 13th: " + day);
        count++;
      }
    }
    System.out.println(count + " Friday-13ths in 2024; isBefore " + launch.isBefore(end));
  }
}
