//! What a message the bot sends on its own initiative is about: one list shared by the
//! conversation engine (notices to the people a change concerns) and the scheduler (reminders,
//! escalations, digests, summaries). Stored as the outbox row's `kind`.

/// The kind of a notice; `code()` is what the outbox stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeKind {
    // Told by the engine when a case changes.
    CaseReported,
    CaseDispatched,
    CaseAccepted,
    CaseReturned,
    CaseProgress,
    CaseResolved,
    CaseSupervised,
    CaseInfoRequested,
    CaseInfoSupplied,
    CaseNote,
    CaseReopened,
    CaseClosed,
    CaseReclassified,
    CaseExtensionRequested,
    CaseExtensionDecided,
    CaseDeadlineChanged,
    CaseItemLinked,
    // Decided by the scheduler.
    SignFor,
    SignForHead,
    DeadlineBefore,
    DeadlineToday,
    DeadlineOverdue,
    EscalationYellow,
    EscalationRed,
    Milestone,
    Confirm,
    Visit,
    DigestDepartment,
    DigestCounty,
    WeeklyCadre,
    WeeklyDepartment,
    WeeklyCounty,
    /// A recipient could not be reached: told to whoever must know.
    Unreachable,
    /// A reminder scan's case notices to one person beyond what is named individually.
    ScanDigest,
    /// Someone lost access: their open work, told to the campaign office to reassign.
    AccessWithdrawn,
    /// A person's command menu changed (roles, department heads): the new menu, not a message.
    CommandMenu,
    /// 重点项目: the monthly progress report asked of a cadre (all their projects in one).
    ProjectAsk,
    /// 催报: the report still missing after the time allowed, every working day.
    ProjectChase,
    /// Projects behind a stage date, told to the department head (or the campaign office).
    ProjectYellow,
    /// Projects behind a stage date past the red limit, told to the leaders.
    ProjectRed,
    /// 问责: measures the rules proposed, to the leaders to decide.
    MeasureProposed,
    /// A confirmed measure, to the person concerned and their unit's head.
    MeasureConfirmed,
    /// 不断线: cadres silent for twice the visit period, to their unit head and the office.
    SilenceEscalated,
    /// The monthly county summary, with the month's typical cases and measures.
    MonthlyCounty,
    /// 督查: an inspection told to the inspected.
    Inspection,
    /// A rectification item (整改事项) made or changed, told to the other side.
    Rectification,
    /// Rectification items due, overdue or escalated: one digest a day per person.
    RectificationDigest,
    /// A township's (乡镇) weekly summary, to the people who follow it.
    WeeklyTownship,
    /// A department head's weekly report of their cadres' work (`/team`).
    WeeklyTeam,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 49] = [
        NoticeKind::CaseReported,
        NoticeKind::CaseDispatched,
        NoticeKind::CaseAccepted,
        NoticeKind::CaseReturned,
        NoticeKind::CaseProgress,
        NoticeKind::CaseResolved,
        NoticeKind::CaseSupervised,
        NoticeKind::CaseInfoRequested,
        NoticeKind::CaseInfoSupplied,
        NoticeKind::CaseNote,
        NoticeKind::CaseReopened,
        NoticeKind::CaseClosed,
        NoticeKind::CaseReclassified,
        NoticeKind::CaseExtensionRequested,
        NoticeKind::CaseExtensionDecided,
        NoticeKind::CaseDeadlineChanged,
        NoticeKind::CaseItemLinked,
        NoticeKind::SignFor,
        NoticeKind::SignForHead,
        NoticeKind::DeadlineBefore,
        NoticeKind::DeadlineToday,
        NoticeKind::DeadlineOverdue,
        NoticeKind::EscalationYellow,
        NoticeKind::EscalationRed,
        NoticeKind::Milestone,
        NoticeKind::Confirm,
        NoticeKind::Visit,
        NoticeKind::DigestDepartment,
        NoticeKind::DigestCounty,
        NoticeKind::WeeklyCadre,
        NoticeKind::WeeklyDepartment,
        NoticeKind::WeeklyCounty,
        NoticeKind::Unreachable,
        NoticeKind::ScanDigest,
        NoticeKind::AccessWithdrawn,
        NoticeKind::CommandMenu,
        NoticeKind::ProjectAsk,
        NoticeKind::ProjectChase,
        NoticeKind::ProjectYellow,
        NoticeKind::ProjectRed,
        NoticeKind::MeasureProposed,
        NoticeKind::MeasureConfirmed,
        NoticeKind::SilenceEscalated,
        NoticeKind::MonthlyCounty,
        NoticeKind::Inspection,
        NoticeKind::Rectification,
        NoticeKind::RectificationDigest,
        NoticeKind::WeeklyTownship,
        NoticeKind::WeeklyTeam,
    ];

    pub fn code(self) -> &'static str {
        match self {
            NoticeKind::CaseReported => "case_reported",
            NoticeKind::CaseDispatched => "case_dispatched",
            NoticeKind::CaseAccepted => "case_accepted",
            NoticeKind::CaseReturned => "case_returned",
            NoticeKind::CaseProgress => "case_progress",
            NoticeKind::CaseResolved => "case_resolved",
            NoticeKind::CaseSupervised => "case_supervised",
            NoticeKind::CaseInfoRequested => "case_info_requested",
            NoticeKind::CaseInfoSupplied => "case_info_supplied",
            NoticeKind::CaseNote => "case_note",
            NoticeKind::CaseReopened => "case_reopened",
            NoticeKind::CaseClosed => "case_closed",
            NoticeKind::CaseReclassified => "case_reclassified",
            NoticeKind::CaseExtensionRequested => "case_extension_requested",
            NoticeKind::CaseExtensionDecided => "case_extension_decided",
            NoticeKind::CaseDeadlineChanged => "case_deadline_changed",
            NoticeKind::CaseItemLinked => "case_item_linked",
            NoticeKind::SignFor => "sign_for_reminder",
            NoticeKind::SignForHead => "sign_for_escalation",
            NoticeKind::DeadlineBefore => "deadline_reminder",
            NoticeKind::DeadlineToday => "deadline_today",
            NoticeKind::DeadlineOverdue => "deadline_overdue",
            NoticeKind::EscalationYellow => "escalation_yellow",
            NoticeKind::EscalationRed => "escalation_red",
            NoticeKind::Milestone => "milestone_reminder",
            NoticeKind::Confirm => "confirm_reminder",
            NoticeKind::Visit => "visit_reminder",
            NoticeKind::DigestDepartment => "overdue_digest",
            NoticeKind::DigestCounty => "red_card_digest",
            NoticeKind::WeeklyCadre => "weekly_cadre",
            NoticeKind::WeeklyDepartment => "weekly_department",
            NoticeKind::WeeklyCounty => "weekly_county",
            NoticeKind::Unreachable => "recipient_unreachable",
            NoticeKind::ScanDigest => "scan_digest",
            NoticeKind::AccessWithdrawn => "access_withdrawn",
            NoticeKind::CommandMenu => "command_menu",
            NoticeKind::ProjectAsk => "project_report_ask",
            NoticeKind::ProjectChase => "project_report_chase",
            NoticeKind::ProjectYellow => "project_yellow",
            NoticeKind::ProjectRed => "project_red",
            NoticeKind::MeasureProposed => "measure_proposed",
            NoticeKind::MeasureConfirmed => "measure_confirmed",
            NoticeKind::SilenceEscalated => "silence_escalated",
            NoticeKind::MonthlyCounty => "monthly_county",
            NoticeKind::Inspection => "inspection",
            NoticeKind::Rectification => "rectification",
            NoticeKind::RectificationDigest => "rectification_digest",
            NoticeKind::WeeklyTownship => "weekly_township",
            NoticeKind::WeeklyTeam => "weekly_team",
        }
    }

    /// The kind a stored code names.
    pub fn parse(code: &str) -> Option<NoticeKind> {
        NoticeKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_code_and_reads_back() {
        let mut codes: Vec<&str> = NoticeKind::ALL.iter().map(|k| k.code()).collect();
        for k in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(k.code()), Some(k));
        }
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), NoticeKind::ALL.len());
    }
}
