// The one date model of the index (docs/schema.md, "Dates"): every publication date, whatever
// format wrote it, is read here. Fields are read by hand (ISO 8601 and RFC 822 are rigid enough),
// time zones and the arithmetic of shifting a local time to UTC are ICU's: fixed offsets, the
// RFC 822 zone names, and IANA zone ids ("Europe/Kyiv") with their history of offsets.
#include "newsdex/schema.h"

#include <unicode/gregocal.h>
#include <unicode/simpletz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <memory>

namespace newsdex::schema {
namespace {

struct Reader {
    std::string_view s;
    std::size_t pos = 0;

    bool done() const { return pos >= s.size(); }
    char peek(std::size_t ahead = 0) const { return pos + ahead < s.size() ? s[pos + ahead] : '\0'; }
    void skip_spaces() {
        while (!done() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
    }
    /// Exactly @p n digits; -1 when they are not there (and nothing is consumed).
    int digits(std::size_t n) {
        if (pos + n > s.size()) return -1;
        int v = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const char c = s[pos + i];
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        pos += n;
        return v;
    }
    /// 1 to @p max digits; -1 when there is none.
    int number(std::size_t max) {
        std::size_t n = 0;
        while (n < max && std::isdigit(static_cast<unsigned char>(peek(n)))) ++n;
        return n == 0 ? -1 : digits(n);
    }
    std::string word() {
        std::string w;
        while (!done() && (std::isalpha(static_cast<unsigned char>(s[pos])) || s[pos] == '/' || s[pos] == '_'))
            w += s[pos++];
        return w;
    }
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

int month_number(std::string_view name) {
    static constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                              "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) return 0;
    std::string m;
    for (char c : name.substr(0, 3)) m += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t i = 0; i < kMonths.size(); ++i)
        if (m == kMonths[i]) return static_cast<int>(i) + 1;
    return 0;
}

enum class Precision { year, month, day, minute, second };

// A wall-clock time as written, and the zone it was written in (if any).
struct Local {
    int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    Precision precision = Precision::year;
    enum class Zone { none, offset, named } zone = Zone::none;
    int offset_minutes = 0;  ///< Zone::offset
    std::string zone_id;     ///< Zone::named: an ICU (IANA) zone id
};

// A zone after a time: Z, +03:00, +0300, +03, -05:00, or a name (UTC, GMT, RFC 822's EST...,
// a few unambiguous abbreviations of the newsdex languages' regions, or an IANA id).
void read_zone(Reader& r, Local& t) {
    r.skip_spaces();
    const char c = r.peek();
    if (c == 'Z' || c == 'z') {
        if (!std::isalpha(static_cast<unsigned char>(r.peek(1)))) {
            ++r.pos;
            t.zone = Local::Zone::offset;
            return;
        }
    }
    if (c == '+' || c == '-') {
        Reader probe = r;
        ++probe.pos;
        const int hh = probe.number(2);
        if (hh < 0 || hh > 23) return;
        int mm = 0;
        if (probe.peek() == ':') ++probe.pos;
        if (std::isdigit(static_cast<unsigned char>(probe.peek()))) {
            mm = probe.digits(2);
            if (mm < 0 || mm > 59) return;
        }
        r = probe;
        t.zone = Local::Zone::offset;
        t.offset_minutes = (c == '-' ? -1 : 1) * (hh * 60 + mm);
        return;
    }
    std::string name = r.word();
    if (name.empty()) return;
    std::string upper;
    for (char ch : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    struct Named {
        std::string_view name;
        int minutes;
    };
    // RFC 822 section 5 (kept by RFC 5322 as obsolete zones), and the fixed-offset European names.
    static constexpr std::array<Named, 18> kFixed{{{"UT", 0},      {"UTC", 0},     {"GMT", 0},     {"Z", 0},
                                                   {"EST", -300},  {"EDT", -240},  {"CST", -360},  {"CDT", -300},
                                                   {"MST", -420},  {"MDT", -360},  {"PST", -480},  {"PDT", -420},
                                                   {"WET", 0},     {"WEST", 60},   {"CET", 60},    {"CEST", 120},
                                                   {"EET", 120},   {"EEST", 180}}};
    for (const Named& n : kFixed)
        if (upper == n.name) {
            t.zone = Local::Zone::offset;
            t.offset_minutes = n.minutes;
            // "GMT+3" / "UTC+03:00": an offset from the named base.
            if ((r.peek() == '+' || r.peek() == '-') && n.minutes == 0) read_zone(r, t);
            return;
        }
    // Moscow time changed its offset (+3, +4 in 2011-2014, +3 again): ICU's history knows.
    if (upper == "MSK" || upper == "MSD") {
        t.zone = Local::Zone::named;
        t.zone_id = "Europe/Moscow";
        return;
    }
    if (name.find('/') != std::string::npos) {
        std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(name)));
        if (tz && *tz != icu::TimeZone::getUnknown()) {
            t.zone = Local::Zone::named;
            t.zone_id = name;
        }
        return;
    }
    // RFC 822 military letters carry no reliable meaning (RFC 5322 4.3): the time is taken as UTC.
    if (upper.size() == 1) t.zone = Local::Zone::offset;
}

void read_time(Reader& r, Local& t) {
    Reader probe = r;
    const int hh = probe.number(2);
    if (hh < 0 || hh > 24 || probe.peek() != ':') return;
    ++probe.pos;
    const int mi = probe.digits(2);
    if (mi < 0 || mi > 59) return;
    int ss = 0;
    Precision precision = Precision::minute;
    if (probe.peek() == ':') {
        ++probe.pos;
        ss = probe.digits(2);
        if (ss < 0 || ss > 60) return;
        precision = Precision::second;
        if (probe.peek() == '.' || probe.peek() == ',')  // fractions of a second: not kept
            for (++probe.pos; std::isdigit(static_cast<unsigned char>(probe.peek()));) ++probe.pos;
    }
    if (hh == 24 && (mi != 0 || ss != 0)) return;
    r = probe;
    t.hour = hh;
    t.minute = mi;
    t.second = ss == 60 ? 59 : ss;  // a leap second is kept inside its minute
    t.precision = precision;
    read_zone(r, t);
}

// ISO 8601 extended form: YYYY[-MM[-DD[(T| )hh:mm[:ss[.f]][zone]]]]. A part that is out of range
// ends the date there ("2021-13-01" is the year 2021).
bool read_iso(std::string_view s, Local& t) {
    Reader r{s};
    t.year = r.digits(4);
    if (t.year < 1000 || t.year > 2999) return false;
    if (r.peek() != '-' || r.done()) return true;
    ++r.pos;
    const int m = r.digits(2);
    if (m < 1 || m > 12) return true;
    t.month = m;
    t.precision = Precision::month;
    if (r.peek() != '-') return true;
    ++r.pos;
    const int d = r.digits(2);
    if (d < 1 || d > days_in_month(t.year, t.month)) return true;
    t.day = d;
    t.precision = Precision::day;
    if (r.peek() != 'T' && r.peek() != 't' && r.peek() != ' ') return true;
    ++r.pos;
    read_time(r, t);
    return true;
}

// RFC 822 / 1123 / 2822 as feeds, mail and HTTP write them: [Day,] DD Mon YYYY [hh:mm[:ss] [zone]].
bool read_rfc822(std::string_view s, Local& t) {
    Reader r{s};
    r.skip_spaces();
    if (std::isalpha(static_cast<unsigned char>(r.peek()))) {  // the weekday, with or without its comma
        r.word();
        if (r.peek() == ',') ++r.pos;
        r.skip_spaces();
    }
    const int d = r.number(2);
    if (d < 1) return false;
    r.skip_spaces();
    if (r.peek() == '-') ++r.pos;  // RFC 850: 01-Mar-19
    const int m = month_number(r.word());
    if (m == 0) return false;
    if (r.peek() == '-' || r.peek() == ',') ++r.pos;
    r.skip_spaces();
    const std::size_t year_start = r.pos;
    int y = r.number(4);
    if (y < 0) return false;
    if (r.pos - year_start <= 2) y += y < 50 ? 2000 : 1900;  // RFC 2822 4.3
    if (y < 1000 || y > 2999 || d > days_in_month(y, m)) return false;
    t.year = y;
    t.month = m;
    t.day = d;
    t.precision = Precision::day;
    r.skip_spaces();
    read_time(r, t);
    return true;
}

// The instant @p t names, in milliseconds since the epoch, by ICU's calendar in its zone.
bool to_instant(const Local& t, UDate& when, int& offset_minutes) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZone> tz;
    if (t.zone == Local::Zone::named)
        tz.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(t.zone_id)));
    else
        tz = std::make_unique<icu::SimpleTimeZone>(t.offset_minutes * 60 * 1000, icu::UnicodeString(u"offset"));
    icu::GregorianCalendar cal(*tz, status);
    if (U_FAILURE(status)) return false;
    cal.clear();
    cal.set(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
    when = cal.getTime(status);
    if (U_FAILURE(status)) return false;
    int32_t raw = 0, dst = 0;
    tz->getOffset(when, false, raw, dst, status);
    offset_minutes = (raw + dst) / 60000;
    return U_SUCCESS(status);
}

bool utc_fields(UDate when, Local& utc) {
    UErrorCode status = U_ZERO_ERROR;
    icu::GregorianCalendar cal(*icu::TimeZone::getGMT(), status);
    if (U_FAILURE(status)) return false;
    cal.setTime(when, status);
    utc.year = cal.get(UCAL_YEAR, status);
    utc.month = cal.get(UCAL_MONTH, status) + 1;
    utc.day = cal.get(UCAL_DATE, status);
    utc.hour = cal.get(UCAL_HOUR_OF_DAY, status);
    utc.minute = cal.get(UCAL_MINUTE, status);
    utc.second = cal.get(UCAL_SECOND, status);
    return U_SUCCESS(status);
}

std::string format(const char* pattern, int a, int b = 0, int c = 0, int d = 0, int e = 0, int f = 0) {
    char out[64];
    std::snprintf(out, sizeof out, pattern, a, b, c, d, e, f);
    return out;
}

}  // namespace

std::optional<ParsedDate> parse_date(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    Local t;
    if (!read_iso(text, t) && !read_rfc822(text, t)) return std::nullopt;

    ParsedDate out;
    out.whole_day = t.precision <= Precision::day;
    out.precision = t.precision == Precision::year ? 4 : t.precision == Precision::month ? 6 : t.precision == Precision::day ? 8
                    : t.precision == Precision::minute                                      ? 12
                                                                                             : 14;
    if (t.precision <= Precision::day) {
        // A day, month or year is the same calendar span in every zone: never shifted.
        out.utc_key = format("%04d%02d%02d000000", t.year, t.month, t.day);
        out.iso = t.precision == Precision::year    ? format("%04d", t.year)
                  : t.precision == Precision::month ? format("%04d-%02d", t.year, t.month)
                                                    : format("%04d-%02d-%02d", t.year, t.month, t.day);
        return out;
    }
    std::string local = format("%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
    if (t.zone == Local::Zone::none) {
        // No zone given: the time is taken as it is written (docs/schema.md explains why).
        out.utc_key = format("%04d%02d%02d%02d%02d%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
        out.iso = std::move(local);
        return out;
    }
    UDate when = 0;
    int offset = 0;
    Local utc;
    if (!to_instant(t, when, offset) || !utc_fields(when, utc)) return std::nullopt;
    out.utc_key = format("%04d%02d%02d%02d%02d%02d", utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second);
    out.zoned = true;
    if (offset == 0) {
        out.iso = local + "Z";
    } else {
        const int a = offset < 0 ? -offset : offset;
        out.iso = local + (offset < 0 ? "-" : "+") + format("%02d:%02d", a / 60, a % 60);
    }
    return out;
}

std::string date_key(std::string_view text) {
    auto d = parse_date(text);
    if (!d) return {};
    // Dates beyond the four-digit years after the shift (0999-12-31T23:00Z) are not dates of news.
    if (d->utc_key.size() != 14) return {};
    return d->utc_key;
}

std::string date_key_end(std::string_view text) {
    auto d = parse_date(text);
    if (!d || d->utc_key.size() != 14) return {};
    const std::string& key = d->utc_key;
    switch (d->precision) {
        case 4: return key.substr(0, 4) + "1231235959";
        case 6: return key.substr(0, 6) + "31235959";
        case 8: return key.substr(0, 8) + "235959";
        case 12: return key.substr(0, 12) + "59";
        default: return key;
    }
}

}  // namespace newsdex::schema
