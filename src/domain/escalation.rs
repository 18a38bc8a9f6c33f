//! The escalation ladder (三色督办): blue near the deadline, yellow once overdue, red when
//! overdue past the red limit. The case card and the scheduler's reminders use this one rule.

use chrono::NaiveDate;

use super::{CaseStatus, WorkCalendar};

/// The ladder's limits, in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ladder {
    /// A case is blue within this many working days of its deadline.
    pub blue_within_days: u32,
    /// Overdue by more than this many working days turns a yellow card red.
    pub red_after_days: u32,
}

/// The escalation ladder (三色督办), as shown on the case card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Colour {
    /// Near the deadline.
    Blue,
    /// Overdue: the department head is told.
    Yellow,
    /// Overdue past the red limit: the leaders are told.
    Red,
}

impl Colour {
    pub fn code(self) -> &'static str {
        match self {
            Colour::Blue => "blue",
            Colour::Yellow => "yellow",
            Colour::Red => "red",
        }
    }

    /// The colour's name in `locale`.
    pub fn label(self, locale: &str) -> String {
        crate::i18n::t(locale, &format!("colour-{}", self.code()))
    }

    /// One step up the ladder, for a case under a supervision order (督办).
    pub fn raised(self) -> Colour {
        match self {
            Colour::Blue => Colour::Yellow,
            Colour::Yellow | Colour::Red => Colour::Red,
        }
    }
}

/// The escalation colour of a case on `today`: blue within `blue_within_days` working days of
/// the deadline, yellow once overdue, red when overdue by more than `red_after_days` working
/// days. A supervised case is one step further up (blue shows yellow, yellow shows red). Only
/// cases a department holds (dispatched, accepted, in progress) have a colour.
pub fn escalation_colour(
    status: CaseStatus,
    deadline: Option<NaiveDate>,
    supervised: bool,
    today: NaiveDate,
    calendar: &WorkCalendar,
    ladder: Ladder,
) -> Option<Colour> {
    if !status.is_with_department() {
        return None;
    }
    let deadline = deadline?;
    let base = if today > deadline {
        if calendar.working_days_between(deadline, today) > i64::from(ladder.red_after_days) {
            Colour::Red
        } else {
            Colour::Yellow
        }
    } else if calendar.working_days_between(today, deadline) <= i64::from(ladder.blue_within_days) {
        Colour::Blue
    } else {
        return None;
    };
    Some(if supervised { base.raised() } else { base })
}
