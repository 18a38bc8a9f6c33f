//! The state machine, per role: every transition allowed or refused by role, scope and status.

use super::*;

/// Who is acting, relative to the case: its enterprise's cadre, another cadre, an officer of
/// the department holding it, an officer of another department, and so on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Who {
    Cadre,
    OtherCadre,
    Officer,
    OtherOfficer,
    Dispatcher,
    Leader,
    Admin,
    Stranger,
}

pub(super) const EVERYONE: [Who; 8] = [
    Who::Cadre,
    Who::OtherCadre,
    Who::Officer,
    Who::OtherOfficer,
    Who::Dispatcher,
    Who::Leader,
    Who::Admin,
    Who::Stranger,
];

impl Who {
    pub(super) fn roles(self) -> Roles {
        Roles::new(match self {
            Who::Cadre | Who::OtherCadre => vec![Role::Cadre],
            Who::Officer | Who::OtherOfficer => vec![Role::Officer],
            Who::Dispatcher => vec![Role::Dispatcher],
            Who::Leader => vec![Role::Leader],
            Who::Admin => vec![Role::Admin],
            Who::Stranger => vec![],
        })
    }
}

/// Every action, with notes, against the department `department_id`.
pub(super) fn all_actions(department_id: i64, assignee_id: i64) -> Vec<Action> {
    vec![
        Action::RequestInfo {
            note: "请补充现场照片".into(),
        },
        Action::SupplyInfo {
            note: "已补充照片三张".into(),
        },
        Action::Dispatch {
            department_id,
            assignee_id: Some(assignee_id),
            deadline: d("2026-12-11"),
        },
        Action::Accept,
        Action::Return {
            reason: "不属于我局职责".into(),
        },
        Action::Progress {
            note: "已到现场查看".into(),
        },
        Action::Resolve {
            answer: "已协调解决".into(),
        },
        Action::Confirm {
            satisfaction: Satisfaction::Satisfied,
            note: Some("企业满意".into()),
            deadline: None,
        },
        Action::Confirm {
            satisfaction: Satisfaction::BasicallySatisfied,
            note: Some("基本解决".into()),
            deadline: None,
        },
        Action::Confirm {
            satisfaction: Satisfaction::Unsatisfied,
            note: Some("只解决了一半".into()),
            deadline: None,
        },
        Action::Supervise {
            note: Some("请加快办理".into()),
        },
        Action::Note {
            note: "记录一下".into(),
        },
        Action::AddMilestone {
            title: "完成现场踏勘".into(),
            due_on: d("2026-12-04"),
        },
        Action::Reassign {
            assignee_id,
            note: "原责任人已停用，转交".into(),
        },
    ]
}

/// Every correction, with notes (pure: the ids name no rows).
pub(super) fn correction_actions() -> Vec<Action> {
    vec![
        Action::Correct(Correction::Reclassify {
            category: Category::Finance,
            difficulty: Difficulty::Hard,
            deadline: None,
            reason: "实为融资问题".into(),
        }),
        Action::Correct(Correction::RequestExtension {
            until: d("2026-12-31"),
            reason: "需等上级批复".into(),
        }),
        Action::Correct(Correction::DecideExtension {
            request_id: 1,
            approve: true,
            note: None,
        }),
        Action::Correct(Correction::SetDeadline {
            deadline: d("2026-12-24"),
            reason: Some("重新办理".into()),
        }),
        Action::Correct(Correction::StepDone { milestone_id: 1 }),
        Action::Correct(Correction::StepChange {
            milestone_id: 1,
            title: "完成评审".into(),
            due_on: d("2026-12-10"),
        }),
        Action::Correct(Correction::StepRemove { milestone_id: 1 }),
        Action::Correct(Correction::LinkItem {
            item_id: 1,
            section_id: None,
            steps: vec![],
        }),
    ]
}

/// Every service-mode change (帮办 / 陪办 / 代办), with notes (pure: the ids name no rows).
pub(super) fn mode_actions() -> Vec<Action> {
    vec![
        Action::Mode(ModeChange::Set {
            mode: Some(ServiceMode::Handle),
        }),
        Action::Mode(ModeChange::Set { mode: None }),
        Action::Mode(ModeChange::Accompanied {
            on: d("2026-11-26"),
            place: "县政务服务中心".into(),
        }),
        Action::Mode(ModeChange::DocumentReceived {
            name: "营业执照副本原件".into(),
        }),
        Action::Mode(ModeChange::DocumentReturned {
            document_id: 1,
            name: "营业执照副本原件".into(),
        }),
    ]
}

/// The rules of PRODUCT.md, written out independently of `domain::case`: who may do what, to
/// which case, in which status, and where it leads. Role is checked first, then scope, then
/// status.
pub(super) fn expected(
    who: Who,
    status: CaseStatus,
    case_has_department: bool,
    action: &Action,
) -> Result<CaseStatus, TransitionError> {
    use CaseStatus::*;
    use Who::*;
    let open = [
        Reported,
        InfoRequested,
        Dispatched,
        Accepted,
        InProgress,
        Resolved,
        Returned,
    ];
    let dispatcher = matches!(who, Dispatcher | Admin);
    let officer = matches!(who, Officer | OtherOfficer);
    let cadre = matches!(who, Cadre | OtherCadre);
    // A case waiting for dispatch (new, with the cadre, returned) belongs to no department.
    let own_department = who == Officer && case_has_department && !status.is_awaiting_dispatch();
    let (role_ok, scope_ok, from, to): (bool, bool, &[CaseStatus], Option<CaseStatus>) =
        match action {
            Action::RequestInfo { .. } => {
                (dispatcher, true, &[Reported, Returned], Some(InfoRequested))
            }
            Action::SupplyInfo { .. } => (
                cadre || dispatcher,
                who == Cadre || dispatcher,
                &[InfoRequested],
                Some(Reported),
            ),
            Action::Dispatch { .. } => (
                dispatcher,
                true,
                &[Reported, Returned, Dispatched],
                Some(Dispatched),
            ),
            Action::Accept => (officer, own_department, &[Dispatched], Some(Accepted)),
            Action::Return { .. } => (
                officer,
                own_department,
                &[Dispatched, Accepted],
                Some(Returned),
            ),
            Action::Progress { .. } => (
                officer,
                own_department,
                &[Accepted, InProgress],
                Some(InProgress),
            ),
            Action::Resolve { .. } => (
                officer,
                own_department,
                &[Accepted, InProgress],
                Some(Resolved),
            ),
            Action::Confirm {
                satisfaction: Satisfaction::Unsatisfied,
                ..
            } => (cadre, who == Cadre, &[Resolved], Some(InProgress)),
            Action::Confirm { .. } => (cadre, who == Cadre, &[Resolved], Some(Closed)),
            Action::Supervise { .. } => (who == Leader, true, &open, None),
            Action::Note { .. } => (
                who != Stranger,
                matches!(who, Cadre | Dispatcher | Leader | Admin) || own_department,
                &open,
                None,
            ),
            Action::AddMilestone { .. }
            | Action::Correct(
                Correction::StepDone { .. }
                | Correction::StepChange { .. }
                | Correction::StepRemove { .. },
            ) => (
                officer || dispatcher,
                dispatcher || own_department,
                &[Dispatched, Accepted, InProgress],
                None,
            ),
            // Handing a held case to another officer when its own lost access.
            Action::Reassign { .. } => (
                dispatcher,
                true,
                &[Dispatched, Accepted, InProgress, Resolved],
                None,
            ),
            Action::Correct(Correction::Reclassify { .. }) => (dispatcher, true, &open, None),
            Action::Correct(Correction::RequestExtension { .. }) => (
                officer,
                own_department,
                &[Dispatched, Accepted, InProgress],
                None,
            ),
            // Not supervised: the dispatchers decide.
            Action::Correct(
                Correction::DecideExtension { .. } | Correction::SetDeadline { .. },
            ) => (dispatcher, true, &[Dispatched, Accepted, InProgress], None),
            // An approval item: the dispatcher before or after dispatch, the department while
            // it holds the case.
            Action::Correct(Correction::LinkItem { .. }) => (
                officer || dispatcher,
                dispatcher || own_department,
                if dispatcher {
                    &[
                        Reported,
                        InfoRequested,
                        Returned,
                        Dispatched,
                        Accepted,
                        InProgress,
                    ]
                } else {
                    &[Dispatched, Accepted, InProgress]
                },
                None,
            ),
            // A document taken in once the case is answered could not hold it back any more.
            Action::Mode(ModeChange::DocumentReceived { .. }) => (
                officer || dispatcher,
                dispatcher || own_department,
                &open[..5]
                    .iter()
                    .chain(&open[6..])
                    .copied()
                    .collect::<Vec<_>>(),
                None,
            ),
            Action::Mode(_) => (
                officer || dispatcher,
                dispatcher || own_department,
                &open,
                None,
            ),
        };
    if !role_ok {
        Err(TransitionError::RoleNotAllowed)
    } else if !scope_ok {
        Err(TransitionError::OutOfScope)
    } else if !from.contains(&status) {
        Err(TransitionError::WrongStatus(status))
    } else {
        Ok(to.unwrap_or(status))
    }
}

/// The note an allowed action records.
pub(super) fn note_of(action: &Action) -> Option<&str> {
    match action {
        Action::RequestInfo { note }
        | Action::SupplyInfo { note }
        | Action::Progress { note }
        | Action::Note { note } => Some(note),
        Action::Return { reason } => Some(reason),
        Action::Resolve { answer } => Some(answer),
        Action::Confirm { note, .. } | Action::Supervise { note } => note.as_deref(),
        Action::AddMilestone { title, .. } => Some(title),
        Action::Reassign { note, .. } => Some(note),
        Action::Dispatch { .. } | Action::Accept => None,
        Action::Correct(Correction::Reclassify { reason, .. })
        | Action::Correct(Correction::RequestExtension { reason, .. }) => Some(reason),
        Action::Correct(Correction::StepChange { title, .. }) => Some(title),
        Action::Correct(Correction::SetDeadline { reason, .. }) => reason.as_deref(),
        Action::Correct(Correction::DecideExtension { note, .. }) => note.as_deref(),
        Action::Correct(_) => None,
        Action::Mode(ModeChange::Accompanied { place, .. }) => Some(place),
        Action::Mode(
            ModeChange::DocumentReceived { name } | ModeChange::DocumentReturned { name, .. },
        ) => Some(name),
        Action::Mode(_) => None,
    }
}

pub(super) const CASE_CADRE: i64 = 1;
pub(super) const RIGHT_DEPARTMENT: i64 = 10;

pub(super) fn pure_actor(who: Who) -> Actor {
    let (id, department) = match who {
        Who::Cadre => (CASE_CADRE, None),
        Who::OtherCadre => (2, None),
        Who::Officer => (3, Some(RIGHT_DEPARTMENT)),
        Who::OtherOfficer => (4, Some(20)),
        Who::Dispatcher => (5, None),
        Who::Leader => (6, None),
        Who::Admin => (7, None),
        Who::Stranger => (8, None),
    };
    Actor {
        person_id: id,
        roles: who.roles(),
        department_id: department,
        township_id: None,
    }
}

#[test]
pub(super) fn every_transition_is_allowed_or_refused_by_role_scope_and_status() {
    let mut allowed = 0;
    let mut refused = 0;
    for status in CaseStatus::ALL {
        for has_department in [true, false] {
            let case = CaseView {
                status,
                cadre_id: Some(CASE_CADRE),
                department_id: has_department.then_some(RIGHT_DEPARTMENT),
                assignee_id: Some(3),
                supervised: false,
                township_id: 1,
            };
            for who in EVERYONE {
                for action in all_actions(RIGHT_DEPARTMENT, 3)
                    .into_iter()
                    .chain(correction_actions())
                    .chain(mode_actions())
                {
                    let want = expected(who, status, has_department, &action);
                    let got = apply(&pure_actor(who), &case, &action);
                    match (&want, &got) {
                        (Ok(to), Ok(t)) => {
                            assert_eq!(t.to, *to, "{who:?} {action:?} from {status:?}");
                            assert_eq!(t.from, status);
                            assert_eq!(t.event_kind, action.event_kind());
                            assert_eq!(t.note.as_deref(), note_of(&action));
                            allowed += 1;
                        }
                        (Err(w), Err(g)) => {
                            assert_eq!(g, w, "{who:?} {action:?} from {status:?}");
                            refused += 1;
                        }
                        _ => panic!(
                            "{who:?} {action:?} from {status:?} (department: {has_department}): \
                             expected {want:?}, got {got:?}"
                        ),
                    }
                }
            }
        }
    }
    assert!(
        allowed > 50 && refused > 500,
        "{allowed} allowed, {refused} refused"
    );
}

#[test]
pub(super) fn actions_that_need_words_refuse_blank_ones() {
    let officer = pure_actor(Who::Officer);
    let view = |status| CaseView {
        status,
        cadre_id: Some(CASE_CADRE),
        department_id: Some(RIGHT_DEPARTMENT),
        assignee_id: Some(3),
        supervised: false,
        township_id: 1,
    };
    let blank = "  \n ".to_string();
    for (actor, status, action) in [
        (
            pure_actor(Who::Dispatcher),
            CaseStatus::Reported,
            Action::RequestInfo {
                note: blank.clone(),
            },
        ),
        (
            pure_actor(Who::Cadre),
            CaseStatus::InfoRequested,
            Action::SupplyInfo {
                note: blank.clone(),
            },
        ),
        (
            officer.clone(),
            CaseStatus::Dispatched,
            Action::Return {
                reason: blank.clone(),
            },
        ),
        (
            officer.clone(),
            CaseStatus::Accepted,
            Action::Progress {
                note: blank.clone(),
            },
        ),
        (
            officer.clone(),
            CaseStatus::InProgress,
            Action::Resolve {
                answer: blank.clone(),
            },
        ),
        (
            pure_actor(Who::Cadre),
            CaseStatus::Resolved,
            Action::Confirm {
                satisfaction: Satisfaction::Unsatisfied,
                note: None,
                deadline: None,
            },
        ),
        (
            pure_actor(Who::Leader),
            CaseStatus::InProgress,
            Action::Note {
                note: blank.clone(),
            },
        ),
        (
            officer.clone(),
            CaseStatus::Accepted,
            Action::AddMilestone {
                title: blank.clone(),
                due_on: d("2026-12-01"),
            },
        ),
    ] {
        assert_eq!(
            apply(&actor, &view(status), &action),
            Err(TransitionError::NoteRequired),
            "{action:?}"
        );
    }
    // A satisfied confirmation needs no words; blank ones are not recorded.
    let t = apply(
        &pure_actor(Who::Cadre),
        &view(CaseStatus::Resolved),
        &Action::Confirm {
            satisfaction: Satisfaction::Satisfied,
            note: Some(blank),
            deadline: None,
        },
    )
    .unwrap();
    assert_eq!((t.to, t.note), (CaseStatus::Closed, None));
}
