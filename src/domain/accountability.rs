//! 问责 and 不断线: the accountability rules, the measures they propose, and when a cadre's
//! silence is long enough to tell their unit head. Pure: the facts come in, decisions go out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A rule of the `[accountability]` settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A red card older than N working days.
    RedCard,
    /// A unit's assessment score below S, or last place, M months running.
    Score,
    /// A cadre with no visit, zero report or case for D days.
    Silence,
    /// K cases returned by a unit within a period.
    Returns,
}

impl Rule {
    pub const ALL: [Rule; 4] = [Rule::RedCard, Rule::Score, Rule::Silence, Rule::Returns];

    pub fn code(self) -> &'static str {
        match self {
            Rule::RedCard => "red_card",
            Rule::Score => "score",
            Rule::Silence => "silence",
            Rule::Returns => "returns",
        }
    }

    pub fn parse(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The measure a rule proposes; the leader may change it.
    pub fn default_measure(self) -> Measure {
        match self {
            Rule::Silence => Measure::ReminderTalk,
            Rule::Returns | Rule::RedCard => Measure::Interview,
            Rule::Score => Measure::Circular,
        }
    }
}

/// A measure (问责措施), mildest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 提醒谈话
    ReminderTalk,
    /// 约谈
    Interview,
    /// 通报
    Circular,
    /// 问责建议
    Accountability,
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Measure::ReminderTalk,
        Measure::Interview,
        Measure::Circular,
        Measure::Accountability,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Measure::ReminderTalk => "reminder_talk",
            Measure::Interview => "interview",
            Measure::Circular => "circular",
            Measure::Accountability => "accountability",
        }
    }

    pub fn parse(code: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The locale key of its name.
    pub fn label_key(self) -> String {
        format!("acc-measure-{}", self.code().replace('_', "-"))
    }
}

/// Where a proposed measure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    Proposed,
    Confirmed,
    Dismissed,
}

impl MeasureStatus {
    pub fn code(self) -> &'static str {
        match self {
            MeasureStatus::Proposed => "proposed",
            MeasureStatus::Confirmed => "confirmed",
            MeasureStatus::Dismissed => "dismissed",
        }
    }

    pub fn parse(code: &str) -> Option<MeasureStatus> {
        [
            MeasureStatus::Proposed,
            MeasureStatus::Confirmed,
            MeasureStatus::Dismissed,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// The day a cadre's silence began: their last visit, zero report or case, or, with none, the
/// day they were paired (or put on the roster).
pub fn silent_since(last_activity: Option<NaiveDate>, tracked_since: NaiveDate) -> NaiveDate {
    last_activity.unwrap_or(tracked_since)
}

/// Days of silence on `today` (0 when active today or in the future).
pub fn silent_days(since: NaiveDate, today: NaiveDate) -> i64 {
    (today - since).num_days().max(0)
}

/// Whether a silence has lasted long enough for the unit head and the campaign office to hear
/// of it: twice the visit period (`every_days`; 0 turns it off).
pub fn silence_escalates(since: NaiveDate, today: NaiveDate, every_days: u32) -> bool {
    every_days > 0 && silent_days(since, today) >= 2 * i64::from(every_days)
}

/// One month of a unit in the assessment: its score (none: nothing to score) and whether it
/// came last among the units scored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthScore {
    pub score: Option<f64>,
    pub last: bool,
}

/// Whether the score rule fires: in each of the months given (the latest `months` complete
/// months, all of them present), the unit scored below `below` or came last (when
/// `last_place` counts). A month with nothing to score breaks the run.
pub fn score_rule_fires(history: &[MonthScore], months: u32, below: f64, last_place: bool) -> bool {
    months > 0
        && history.len() >= months as usize
        && history
            .iter()
            .take(months as usize)
            .all(|m| m.score.is_some_and(|s| s < below || (last_place && m.last)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn codes_read_back() {
        for r in Rule::ALL {
            assert_eq!(Rule::parse(r.code()), Some(r));
        }
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.code()), Some(m));
        }
        assert_eq!(Rule::parse("nope"), None);
        assert_eq!(
            MeasureStatus::parse("dismissed"),
            Some(MeasureStatus::Dismissed)
        );
    }

    #[test]
    fn a_silence_escalates_at_twice_the_visit_period_and_not_before() {
        let since = silent_since(None, d("2026-10-01"));
        assert!(!silence_escalates(since, d("2026-11-29"), 30));
        assert!(silence_escalates(since, d("2026-11-30"), 30));
        assert!(!silence_escalates(since, d("2026-11-30"), 0));
        // A visit ends the silence: it starts again from the visit.
        let since = silent_since(Some(d("2026-11-01")), d("2026-10-01"));
        assert_eq!(since, d("2026-11-01"));
        assert!(!silence_escalates(since, d("2026-11-30"), 30));
    }

    #[test]
    fn the_score_rule_needs_every_month_of_the_run() {
        let low = MonthScore {
            score: Some(55.0),
            last: false,
        };
        let last = MonthScore {
            score: Some(80.0),
            last: true,
        };
        let fine = MonthScore {
            score: Some(80.0),
            last: false,
        };
        let none = MonthScore {
            score: None,
            last: false,
        };
        assert!(score_rule_fires(&[low, last], 2, 60.0, true));
        assert!(!score_rule_fires(&[low, last], 2, 60.0, false));
        assert!(!score_rule_fires(&[low, fine], 2, 60.0, true));
        assert!(!score_rule_fires(&[low], 2, 60.0, true));
        assert!(!score_rule_fires(&[low, none], 2, 60.0, true));
        assert!(!score_rule_fires(&[low, low], 0, 60.0, true));
    }
}
