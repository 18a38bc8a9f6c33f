//! Picking a recent day (of a visit, of an accompaniment): a button for each day, and a day
//! pressed or typed checked against the window, with the person told why one is refused.

use chrono::{Datelike, NaiveDate};

use super::state::Press;
use super::text;
use super::turn::{ButtonSpec, Turn};
use crate::domain::service_mode::{DayRefusal, recent_day, recent_window};
use crate::i18n::Args;

/// A button for each of `dates`, labelled with the day and its weekday; today and yesterday by
/// those names when `by_name`.
pub(crate) fn day_buttons(
    turn: &Turn<'_>,
    dates: impl Iterator<Item = NaiveDate>,
    by_name: bool,
    press: impl Fn(NaiveDate) -> Press,
) -> Vec<ButtonSpec> {
    let today = turn.today();
    dates
        .map(|date| {
            let label = match (today - date).num_days() {
                0 if by_name => turn.t("menus-visit-today"),
                1 if by_name => turn.t("menus-visit-yesterday"),
                _ => turn.tr(
                    "menus-visit-day",
                    Args::new()
                        .str("date", date.format("%m-%d").to_string())
                        .str(
                            "weekday",
                            turn.t(&format!(
                                "menus-weekday-{}",
                                date.weekday().number_from_monday()
                            )),
                        ),
                ),
            };
            (label, press(date))
        })
        .collect()
}

/// The last `days_back` days before today, newest first (`from_today`: today as well).
pub(crate) fn last_days(
    turn: &Turn<'_>,
    days_back: u64,
    from_today: bool,
) -> impl Iterator<Item = NaiveDate> {
    let today = turn.today();
    (u64::from(!from_today)..=days_back)
        .filter_map(move |n| today.checked_sub_days(chrono::Days::new(n)))
}

/// Whether `date` lies within the last `days_back` days; if not, the person is told why, with
/// `future` or `too_old` (given the day, the window and its length).
pub(crate) fn within(
    turn: &mut Turn<'_>,
    date: NaiveDate,
    days_back: u64,
    (future, too_old): (&str, &str),
) -> bool {
    let today = turn.today();
    let Err(why) = recent_day(date, today, days_back) else {
        return true;
    };
    let (from, to) = recent_window(today, days_back);
    let key = match why {
        DayRefusal::Future => future,
        DayRefusal::TooOld => too_old,
    };
    turn.say_args(
        key,
        Args::new()
            .str("date", text::ymd(date))
            .str("from", text::ymd(from))
            .str("to", text::ymd(to))
            .num("days", days_back as f64),
    );
    false
}
