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

/// The ladder on one day as deadlines: what a query can compare a case's deadline with to give
/// the colours `escalation_colour` gives, yellow and red alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    pub today: NaiveDate,
    /// A case due on or before this day is red (a supervised one: due before today).
    pub red_through: NaiveDate,
    /// A supervised case due from today to this day is yellow (blue, raised).
    pub blue_through: NaiveDate,
}

impl Cutoffs {
    /// Longest stretch of days looked through for a limit (holidays included).
    const SPAN: u64 = 3660;

    pub fn on(today: NaiveDate, calendar: &WorkCalendar, ladder: Ladder) -> Cutoffs {
        let red_after = i64::from(ladder.red_after_days);
        let red_through = today
            .iter_days()
            .rev()
            .skip(1)
            .take(Self::SPAN as usize)
            .find(|d| calendar.working_days_between(*d, today) > red_after)
            .unwrap_or(today - chrono::Days::new(Self::SPAN));
        let blue_within = i64::from(ladder.blue_within_days);
        let blue_through = today
            .iter_days()
            .take(Self::SPAN as usize)
            .take_while(|d| calendar.working_days_between(today, *d) <= blue_within)
            .last()
            .unwrap_or(today);
        Cutoffs {
            today,
            red_through,
            blue_through,
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

#[cfg(test)]
mod cutoff_tests {
    use super::*;

    /// The colour the cutoffs give a case a department holds (yellow and red only).
    fn by_cutoffs(c: &Cutoffs, deadline: NaiveDate, supervised: bool) -> Option<Colour> {
        if supervised {
            if deadline < c.today {
                Some(Colour::Red)
            } else if deadline <= c.blue_through {
                Some(Colour::Yellow)
            } else {
                None
            }
        } else if deadline <= c.red_through {
            Some(Colour::Red)
        } else if deadline < c.today {
            Some(Colour::Yellow)
        } else {
            None
        }
    }

    #[test]
    fn the_cutoffs_give_every_deadline_the_colour_the_ladder_gives() {
        let ymd = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert!(ymd(10, 10) > ymd(9, 20));
        // Weekends and the National Day week off, one Saturday worked.
        let calendar = WorkCalendar::parse("2026-10-01..2026-10-07 off\n2026-10-10 work").unwrap();
        for ladder in [
            Ladder {
                blue_within_days: 2,
                red_after_days: 3,
            },
            Ladder {
                blue_within_days: 0,
                red_after_days: 0,
            },
            Ladder {
                blue_within_days: 5,
                red_after_days: 10,
            },
        ] {
            for today in ymd(9, 20).iter_days().take(40) {
                let cutoffs = Cutoffs::on(today, &calendar, ladder);
                for deadline in (today - chrono::Days::new(40)).iter_days().take(80) {
                    for supervised in [false, true] {
                        let ladder_says = escalation_colour(
                            CaseStatus::InProgress,
                            Some(deadline),
                            supervised,
                            today,
                            &calendar,
                            ladder,
                        )
                        .filter(|c| *c >= Colour::Yellow);
                        assert_eq!(
                            by_cutoffs(&cutoffs, deadline, supervised),
                            ladder_says,
                            "today {today}, due {deadline}, supervised {supervised}, {ladder:?}"
                        );
                    }
                }
            }
        }
    }
}
