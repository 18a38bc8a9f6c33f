//! The reminder rules as pure functions: case facts, the working-day calendar, the limits and the
//! moment in, the notifications that are due out. No database, no clock.
//!
//! Every notification carries a *due instant* that is a function of the facts alone (a deadline
//! day, the moment a sign-for limit ran out), never of when the scan happened to run. The outbox
//! keys on it, so scanning twice, or late after an outage, decides the same rows once.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::config::{Limits, QuietHours};
pub use crate::domain::Colour;
use crate::domain::WorkCalendar;

/// The first working day on which a case shows `colour` (the due day of its escalation), given
/// its deadline and whether it is supervised.
pub fn colour_since(
    colour: Colour,
    deadline: NaiveDate,
    supervised: bool,
    calendar: &WorkCalendar,
    limits: &Limits,
) -> NaiveDate {
    let first_overdue = calendar.working_day_on_or_after(deadline + Days::new(1));
    let first_red = calendar.add_working_days(deadline, limits.red_after_days + 1);
    let first_blue = working_days_before(deadline, limits.blue_within_days, calendar);
    match (colour, supervised) {
        (Colour::Blue, _) => first_blue,
        (Colour::Yellow, false) => first_overdue,
        (Colour::Yellow, true) => first_blue,
        (Colour::Red, false) => first_red,
        (Colour::Red, true) => first_overdue,
    }
}

/// The working day `n` working days before `day`: for `n == 0` the last working day on or before
/// `day`; otherwise the working day `w` with `working_days_between(w, day) == n`.
pub fn working_days_before(day: NaiveDate, n: u32, calendar: &WorkCalendar) -> NaiveDate {
    let mut d = day;
    // The calendar bounds its own scans the same way; a calendar of only days off is not real.
    for _ in 0..3660 {
        if calendar.is_working_day(d) {
            break;
        }
        d = d - Days::new(1);
    }
    let mut left = n;
    let mut scanned = 0u32;
    while left > 0 && scanned < 3660u32.saturating_mul(n) {
        d = d - Days::new(1);
        scanned += 1;
        if calendar.is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// Where something with a due date stands on the day of a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// A reminder `n` working days before (one of `remind_before_days`).
    Before(u32),
    /// The due day itself.
    DueToday,
    /// Overdue: a reminder every working day.
    Overdue,
}

/// The deadline reminder due on `today` for something due by the end of `due`, first tracked on
/// `since`: the latest reminder day on or before `today` (so a reminder missed in an outage is
/// sent late, once, and a later one supersedes it). None on days off and before the first
/// reminder day.
pub fn deadline_stage(
    due: NaiveDate,
    since: NaiveDate,
    today: NaiveDate,
    calendar: &WorkCalendar,
    remind_before_days: &[u32],
) -> Option<(NaiveDate, Stage)> {
    if !calendar.is_working_day(today) {
        return None;
    }
    if today > due {
        return Some((today, Stage::Overdue));
    }
    let on_the_day = (working_days_before(due, 0, calendar), Stage::DueToday);
    remind_before_days
        .iter()
        .filter(|n| **n > 0)
        .map(|n| (working_days_before(due, *n, calendar), Stage::Before(*n)))
        .chain([on_the_day])
        .filter(|(day, _)| *day <= today && *day >= since)
        .max_by_key(|(day, _)| *day)
}

/// Working days left until the end of `due` (0 on the day), or overdue (negative).
pub fn working_days_left(due: NaiveDate, today: NaiveDate, calendar: &WorkCalendar) -> i64 {
    if today > due {
        -calendar.working_days_between(due, today).max(1)
    } else {
        calendar.working_days_between(today, due)
    }
}

/// The local midnight that starts `day`, as a UTC instant.
pub fn start_of_day(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    local_instant(day, NaiveTime::MIN, tz)
}

fn local_instant(day: NaiveDate, time: NaiveTime, tz: Tz) -> DateTime<Utc> {
    let naive = day.and_time(time);
    match tz.from_local_datetime(&naive).earliest() {
        Some(t) => t.with_timezone(&Utc),
        // A local time skipped by a clock change: take the same wall time read as UTC offset-free.
        None => Utc.from_utc_datetime(&naive),
    }
}

/// `instant` moved `n` working days later, keeping its local time of day: the moment a limit of
/// `n` working days that started at `instant` runs out.
pub fn add_working_days_at(
    instant: DateTime<Utc>,
    n: u32,
    tz: Tz,
    calendar: &WorkCalendar,
) -> DateTime<Utc> {
    let local = instant.with_timezone(&tz);
    let day = calendar.add_working_days(local.date_naive(), n);
    local_instant(day, local.time(), tz)
}

/// Sign-for (签收) reminders of a case dispatched at `dispatched_at` and not yet accepted: the
/// handler once `ack_days` working days have passed, the department head a working day later.
/// Returns the due instants that have come by `now`.
pub fn sign_for_due(
    dispatched_at: DateTime<Utc>,
    now: DateTime<Utc>,
    tz: Tz,
    calendar: &WorkCalendar,
    limits: &Limits,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let handler = add_working_days_at(dispatched_at, limits.ack_days, tz, calendar);
    let head = add_working_days_at(dispatched_at, limits.ack_days + 1, tz, calendar);
    (
        (handler <= now).then_some(handler),
        (head <= now).then_some(head),
    )
}

/// A resolved case not confirmed with the enterprise: due `confirm_days` working days after it
/// was resolved.
pub fn confirm_due(
    resolved_at: DateTime<Utc>,
    now: DateTime<Utc>,
    tz: Tz,
    calendar: &WorkCalendar,
    limits: &Limits,
) -> Option<DateTime<Utc>> {
    let due = add_working_days_at(resolved_at, limits.confirm_days, tz, calendar);
    (due <= now).then_some(due)
}

/// The day an enterprise last visited on `last_visit` (or, never visited, tracked since
/// `since`) became due for a visit, if it is due on `today`: one day per period of
/// `every_days` without a visit, so each period nudges once.
pub fn visit_due(
    last_visit: Option<NaiveDate>,
    since: NaiveDate,
    today: NaiveDate,
    every_days: u32,
) -> Option<NaiveDate> {
    if every_days == 0 {
        return None;
    }
    let base = last_visit.unwrap_or(since);
    let elapsed = (today - base).num_days();
    let every = i64::from(every_days);
    if elapsed < every {
        return None;
    }
    let periods = elapsed / every;
    base.checked_add_days(Days::new(u64::try_from(periods * every).ok()?))
}

/// Whether `local` (a local time of day) falls in the quiet hours; they may wrap midnight.
pub fn in_quiet_hours(local: NaiveTime, quiet: &QuietHours) -> bool {
    if quiet.start == quiet.end {
        false
    } else if quiet.start < quiet.end {
        local >= quiet.start && local < quiet.end
    } else {
        local >= quiet.start || local < quiet.end
    }
}

/// When a notification decided at `now` may be sent: at once outside quiet hours (and for red
/// escalations always), otherwise when the quiet hours end.
pub fn release_at(now: DateTime<Utc>, urgent: bool, quiet: &QuietHours, tz: Tz) -> DateTime<Utc> {
    let local = now.with_timezone(&tz);
    if urgent || !in_quiet_hours(local.time(), quiet) {
        return now;
    }
    let today = local.date_naive();
    let end_today = local_instant(today, quiet.end, tz);
    if end_today > now {
        end_today
    } else {
        local_instant(today + Days::new(1), quiet.end, tz)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CaseStatus, escalation_colour};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn calendar() -> WorkCalendar {
        // 2026-12-31 (Thursday) and 2027-01-01 (Friday) off; Sunday 2027-01-03 a make-up day.
        WorkCalendar::parse("2026-12-31..2027-01-01 off 元旦\n2027-01-03 work 调休").unwrap()
    }

    #[test]
    fn working_days_before_skips_weekends_and_holidays() {
        let cal = calendar();
        // Monday 2027-01-04: one working day before is Sunday the 3rd (make-up), then Wednesday
        // 2026-12-30.
        assert_eq!(
            working_days_before(d("2027-01-04"), 1, &cal),
            d("2027-01-03")
        );
        assert_eq!(
            working_days_before(d("2027-01-04"), 2, &cal),
            d("2026-12-30")
        );
        assert_eq!(
            working_days_before(d("2027-01-02"), 0, &cal),
            d("2026-12-30")
        );
        for n in 0..6 {
            let w = working_days_before(d("2027-01-08"), n, &cal);
            assert_eq!(cal.working_days_between(w, d("2027-01-08")), i64::from(n));
        }
    }

    #[test]
    fn the_deadline_stage_is_the_latest_reminder_day_so_far() {
        let cal = calendar();
        let due = d("2027-01-05"); // Tuesday
        let since = d("2026-12-01");
        let before = [3, 1];
        // 3 working days before: Wednesday 12-30 (12-31 and 01-01 are off, Sunday 01-03 works).
        assert_eq!(working_days_before(due, 3, &cal), d("2026-12-30"));
        assert_eq!(
            deadline_stage(due, since, d("2026-12-29"), &cal, &before),
            None
        );
        assert_eq!(
            deadline_stage(due, since, d("2026-12-30"), &cal, &before),
            Some((d("2026-12-30"), Stage::Before(3)))
        );
        // A holiday decides nothing; the make-up Sunday still owes the 3-day reminder.
        assert_eq!(
            deadline_stage(due, since, d("2027-01-01"), &cal, &before),
            None
        );
        assert_eq!(
            deadline_stage(due, since, d("2027-01-03"), &cal, &before),
            Some((d("2026-12-30"), Stage::Before(3)))
        );
        assert_eq!(
            deadline_stage(due, since, d("2027-01-04"), &cal, &before),
            Some((d("2027-01-04"), Stage::Before(1)))
        );
        assert_eq!(
            deadline_stage(due, since, due, &cal, &before),
            Some((due, Stage::DueToday))
        );
        assert_eq!(
            deadline_stage(due, since, d("2027-01-06"), &cal, &before),
            Some((d("2027-01-06"), Stage::Overdue))
        );
        // Nothing from before the case was tracked.
        assert_eq!(
            deadline_stage(due, d("2027-01-05"), d("2027-01-04"), &cal, &before),
            None
        );
    }

    #[test]
    fn the_colour_climbs_the_ladder_and_supervision_raises_it() {
        let cal = WorkCalendar::weekends_only();
        let limits = Limits::default();
        let due = d("2026-12-10"); // Thursday
        let colour = |today: &str, supervised| {
            escalation_colour(
                CaseStatus::Accepted,
                Some(due),
                supervised,
                d(today),
                &cal,
                limits.ladder(),
            )
        };
        assert_eq!(colour("2026-12-04", false), None);
        assert_eq!(colour("2026-12-07", false), Some(Colour::Blue));
        assert_eq!(colour("2026-12-07", true), Some(Colour::Yellow));
        assert_eq!(colour("2026-12-11", false), Some(Colour::Yellow));
        assert_eq!(colour("2026-12-11", true), Some(Colour::Red));
        assert_eq!(colour("2026-12-17", false), Some(Colour::Yellow));
        assert_eq!(colour("2026-12-18", false), Some(Colour::Red));
        assert_eq!(
            escalation_colour(
                CaseStatus::Resolved,
                Some(due),
                true,
                d("2026-12-18"),
                &cal,
                limits.ladder()
            ),
            None
        );
        assert_eq!(
            colour_since(Colour::Red, due, false, &cal, &limits),
            d("2026-12-18")
        );
        assert_eq!(
            colour_since(Colour::Yellow, due, true, &cal, &limits),
            d("2026-12-07")
        );
    }

    #[test]
    fn quiet_hours_may_wrap_midnight() {
        let tz = chrono_tz::Asia::Shanghai;
        let quiet = QuietHours::default();
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert!(in_quiet_hours(t(22, 0), &quiet));
        assert!(in_quiet_hours(t(7, 59), &quiet));
        assert!(!in_quiet_hours(t(8, 0), &quiet));
        let night = tz
            .with_ymd_and_hms(2026, 12, 1, 23, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let morning = tz
            .with_ymd_and_hms(2026, 12, 2, 8, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(release_at(night, false, &quiet, tz), morning);
        assert_eq!(release_at(night, true, &quiet, tz), night);
        let lunch = QuietHours {
            start: t(12, 0),
            end: t(14, 0),
        };
        assert!(in_quiet_hours(t(13, 0), &lunch) && !in_quiet_hours(t(14, 0), &lunch));
    }

    #[test]
    fn an_unvisited_enterprise_is_due_once_per_period() {
        let since = d("2026-10-01");
        assert_eq!(visit_due(None, since, d("2026-10-30"), 30), None);
        assert_eq!(
            visit_due(None, since, d("2026-10-31"), 30),
            Some(d("2026-10-31"))
        );
        assert_eq!(
            visit_due(None, since, d("2026-11-29"), 30),
            Some(d("2026-10-31"))
        );
        assert_eq!(
            visit_due(None, since, d("2026-11-30"), 30),
            Some(d("2026-11-30"))
        );
        assert_eq!(
            visit_due(Some(d("2026-11-15")), since, d("2026-11-30"), 30),
            None
        );
    }

    #[test]
    fn a_limit_in_working_days_keeps_the_time_of_day() {
        let tz = chrono_tz::Asia::Shanghai;
        let cal = WorkCalendar::weekends_only();
        // Friday 2026-11-27 16:00 plus one working day is Monday 16:00.
        let fri = tz
            .with_ymd_and_hms(2026, 11, 27, 16, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let mon = tz
            .with_ymd_and_hms(2026, 11, 30, 16, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(add_working_days_at(fri, 1, tz, &cal), mon);
        let (handler, head) = sign_for_due(fri, mon, tz, &cal, &Limits::default());
        assert_eq!(handler, Some(mon));
        assert_eq!(head, None);
    }
}
