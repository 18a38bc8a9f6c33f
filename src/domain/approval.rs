//! 审批事项 (权力运行图): what an approval item is to the rules — its kind, and the roadmap its
//! steps make for a case: each step due a number of working days after the one before it,
//! the first counted from the day the case is linked to the item.

use chrono::NaiveDate;

use super::calendar::WorkCalendar;

/// 行政审批事项 or 社会审批事项.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Administrative,
    Social,
}

impl ItemKind {
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Administrative => "administrative",
            ItemKind::Social => "social",
        }
    }

    /// A kind as the ledger stores it or a catalogue file writes it.
    pub fn parse(s: &str) -> Option<ItemKind> {
        match s.trim().to_lowercase().as_str() {
            "administrative" | "行政审批" | "行政审批事项" | "行政" => {
                Some(ItemKind::Administrative)
            }
            "social" | "社会审批" | "社会审批事项" | "社会" => Some(ItemKind::Social),
            _ => None,
        }
    }
}

/// A step of an item as the catalogue holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueStep {
    pub step_id: i64,
    /// What the roadmap calls it (the step's name, with its section and person).
    pub title: String,
    /// Its time limit in working days.
    pub days: u32,
    pub section_id: Option<i64>,
}

/// A step of a case's roadmap made from the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedStep {
    pub step_id: i64,
    pub title: String,
    pub due_on: NaiveDate,
    pub section_id: Option<i64>,
}

/// What the roadmap calls a step: its name, with the section and the person responsible.
pub fn step_title(name: &str, section: Option<&str>, person: Option<&str>) -> String {
    let who: Vec<&str> = [section, person].into_iter().flatten().collect();
    if who.is_empty() {
        name.to_string()
    } else {
        format!("{name} · {}", who.join(" "))
    }
}

/// The roadmap of an item's steps started on `start`: each step is due its limit in working
/// days after the previous one's due date (the first, after `start`).
pub fn plan(
    start: NaiveDate,
    steps: &[CatalogueStep],
    calendar: &WorkCalendar,
) -> Vec<PlannedStep> {
    let mut day = start;
    steps
        .iter()
        .map(|s| {
            day = calendar.add_working_days(day, s.days);
            PlannedStep {
                step_id: s.step_id,
                title: s.title.clone(),
                due_on: day,
                section_id: s.section_id,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(id: i64, days: u32) -> CatalogueStep {
        CatalogueStep {
            step_id: id,
            title: format!("step {id}"),
            days,
            section_id: None,
        }
    }

    #[test]
    fn steps_follow_one_another_in_working_days() {
        // Friday 2026-11-27: 1 working day is Monday, then 3 more is Thursday, then 1 is Friday.
        let start = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let planned = plan(
            start,
            &[step(1, 1), step(2, 3), step(3, 1)],
            &WorkCalendar::weekends_only(),
        );
        let days: Vec<String> = planned.iter().map(|p| p.due_on.to_string()).collect();
        assert_eq!(days, ["2026-11-30", "2026-12-03", "2026-12-04"]);
    }

    #[test]
    fn a_step_reads_with_who_is_responsible_for_it() {
        assert_eq!(
            step_title("受理", Some("规划科"), Some("周敏")),
            "受理 · 规划科 周敏"
        );
        assert_eq!(step_title("送达", None, Some("周敏")), "送达 · 周敏");
        assert_eq!(step_title("决定", None, None), "决定");
    }

    #[test]
    fn kinds_read_in_either_language() {
        assert_eq!(ItemKind::parse("行政审批"), Some(ItemKind::Administrative));
        assert_eq!(ItemKind::parse("Social"), Some(ItemKind::Social));
        assert_eq!(ItemKind::parse("其他"), None);
    }
}
