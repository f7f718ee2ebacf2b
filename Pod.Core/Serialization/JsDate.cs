using System.Globalization;

namespace Pod.Serialization;

/// <summary>
/// JavaScript's Date.prototype.toISOString and the ECMAScript date-time string format, for the date
/// range JavaScript allows (±8.64e15 ms): years 0 to 9999 as four digits, others as a sign and six.
/// Calendar arithmetic after Hinnant, "chrono-compatible low-level date algorithms".
/// </summary>
internal static class JsDate
{
    private const long MillisecondsPerDay = 86_400_000;

    public static string ToIsoString(long milliseconds)
    {
        long days = Math.DivRem(milliseconds, MillisecondsPerDay, out long timeOfDay);
        if (timeOfDay < 0)
        {
            timeOfDay += MillisecondsPerDay;
            days--;
        }

        (long year, int month, int day) = CivilFromDays(days);
        string yearText = year is >= 0 and <= 9999
            ? year.ToString("D4", CultureInfo.InvariantCulture)
            : (year < 0 ? "-" : "+") + Math.Abs(year).ToString("D6", CultureInfo.InvariantCulture);
        long hours = timeOfDay / 3_600_000, minutes = timeOfDay / 60_000 % 60, seconds = timeOfDay / 1000 % 60, ms = timeOfDay % 1000;
        return string.Create(CultureInfo.InvariantCulture, $"{yearText}-{month:D2}-{day:D2}T{hours:D2}:{minutes:D2}:{seconds:D2}.{ms:D3}Z");
    }

    /// <summary>
    /// Parses YYYY, YYYY-MM or YYYY-MM-DD, then optionally THH:mm, :ss and .fraction (any number of digits,
    /// truncated to ms, as V8 reads them), ending in Z; the year may be ±YYYYYY; 24:00 is the end of the day.
    /// Impossible calendar dates and times are refused.
    /// </summary>
    public static bool TryParseIso(string text, out long milliseconds)
    {
        milliseconds = 0;
        int pos;
        long year;
        if (text.Length > 0 && (text[0] == '+' || text[0] == '-'))
        {
            if (!TryDigits(text, 1, 6, out year) || (text[0] == '-' && year == 0))
            {
                return false;
            }

            year = text[0] == '-' ? -year : year;
            pos = 7;
        }
        else
        {
            if (!TryDigits(text, 0, 4, out year))
            {
                return false;
            }

            pos = 4;
        }

        // ECMAScript's date-time string format: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by THH:mm,
        // THH:mm:ss or THH:mm:ss.s... (V8 reads any number of fraction digits and keeps milliseconds), here always
        // with Z. Hour 24 is allowed only as 24:00, the midnight that ends the day.
        long month = 1, day = 1;
        if (pos < text.Length && text[pos] == '-')
        {
            pos++;
            if (!TryDigits(text, pos, 2, out month) || !Advance(ref pos, 2))
            {
                return false;
            }

            if (pos < text.Length && text[pos] == '-')
            {
                pos++;
                if (!TryDigits(text, pos, 2, out day) || !Advance(ref pos, 2))
                {
                    return false;
                }
            }
        }

        long hour = 0, minute = 0, second = 0, ms = 0;
        bool fractionIsZero = true;
        if (pos < text.Length && text[pos] == 'T')
        {
            pos++;
            if (!TryDigits(text, pos, 2, out hour) || !Advance(ref pos, 2) || !Expect(text, ref pos, ':')
                || !TryDigits(text, pos, 2, out minute) || !Advance(ref pos, 2))
            {
                return false;
            }

            if (pos < text.Length && text[pos] == ':')
            {
                pos++;
                if (!TryDigits(text, pos, 2, out second) || !Advance(ref pos, 2))
                {
                    return false;
                }

                if (pos < text.Length && text[pos] == '.')
                {
                    pos++;
                    int start = pos;
                    while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                    {
                        fractionIsZero &= text[pos] == '0';
                        pos++;
                    }

                    if (pos == start)
                    {
                        return false;
                    }

                    string fraction = text[start..Math.Min(pos, start + 3)].PadRight(3, '0');
                    ms = long.Parse(fraction, CultureInfo.InvariantCulture);
                }
            }
        }

        if (pos != text.Length - 1 || text[pos] != 'Z')
        {
            return false;
        }

        bool endOfDay = hour == 24 && minute == 0 && second == 0 && fractionIsZero;
        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, (int)month) || (hour > 23 && !endOfDay) || minute > 59 || second > 59)
        {
            return false;
        }

        long days = DaysFromCivil(year, (int)month, (int)day);
        milliseconds = (days * MillisecondsPerDay) + (hour * 3_600_000) + (minute * 60_000) + (second * 1000) + ms;
        return true;
    }

    private static bool Expect(string text, ref int pos, char c)
    {
        if (pos < text.Length && text[pos] == c)
        {
            pos++;
            return true;
        }

        return false;
    }

    private static bool Advance(ref int pos, int count)
    {
        pos += count;
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out long value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    private static int DaysInMonth(long year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - (era * 400);
        long doy = ((153 * (m > 2 ? m - 3 : m + 9)) + 2) / 5 + d - 1;
        long doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    private static (long Year, int Month, int Day) CivilFromDays(long z)
    {
        z += 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - (era * 146097);
        long yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        long y = yoe + (era * 400);
        long doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        long mp = ((5 * doy) + 2) / 153;
        int d = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        int m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (m <= 2 ? y + 1 : y, m, d);
    }
}
