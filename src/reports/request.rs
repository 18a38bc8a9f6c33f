//! What a report is asked for, given once to every report function instead of five arguments
//! each.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::figures::{Filter, Scope, Selection};
use super::period::{Period, PeriodSpec};
use crate::config::Settings;
use crate::domain::WorkCalendar;

/// Whose cases (the scope), over which period, as of which local day, under the county's
/// settings and the working-day calendar loaded at start.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub scope: Scope,
    pub period: PeriodSpec,
    pub today: NaiveDate,
    pub settings: &'a Settings,
    pub calendar: &'a WorkCalendar,
}

impl<'a> Request<'a> {
    pub fn new(
        scope: Scope,
        period: PeriodSpec,
        today: NaiveDate,
        settings: &'a Settings,
        calendar: &'a WorkCalendar,
    ) -> Request<'a> {
        Request {
            scope,
            period,
            today,
            settings,
            calendar,
        }
    }

    /// The same request for another scope.
    pub fn of(self, scope: Scope) -> Request<'a> {
        Request { scope, ..self }
    }

    /// The same request over another period.
    pub fn over(self, period: PeriodSpec) -> Request<'a> {
        Request { period, ..self }
    }

    pub fn tz(&self) -> Tz {
        self.settings.timezone
    }

    /// The period's dates, as of `today`.
    pub fn dates(&self) -> Period {
        self.period.resolve(self.today)
    }

    /// What the request's figures count: its scope, `filter`, and the period's instants.
    pub fn selection(&self, filter: Filter) -> Selection {
        Selection {
            scope: self.scope,
            filter,
            window: self.dates().window(self.tz()),
        }
    }
}
