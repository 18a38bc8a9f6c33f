//! Stored states read back as they were written.

use super::*;

#[test]
fn states_survive_a_round_trip_through_json() {
    let states = [
        State::Idle,
        State::Report(ReportDraft {
            id: 1,
            stage: ReportStage::Category,
            enterprise_id: Some(3),
            description: Some("broken road surface".into()),
            files: vec![],
            category: Some(Category::Transport),
            difficulty: None,
        }),
        State::Awaiting {
            pending: Pending::CaseText {
                case_id: 7,
                purpose: TextPurpose::Return,
            },
        },
        State::Held(Held {
            id: 2,
            earlier: Box::new(State::Awaiting {
                pending: Pending::Deadline {
                    plan: Plan {
                        case_id: 7,
                        department_id: Some(1),
                        assignee_id: None,
                        deadline: NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
                    },
                },
            }),
            text: "typed the next morning".into(),
        }),
    ];
    for s in states {
        assert_eq!(State::from_json(&s.to_json()).unwrap(), s);
    }
    assert_eq!(
        State::from_json(&serde_json::json!({})).unwrap(),
        State::Idle
    );
}

#[test]
fn an_unreadable_stored_state_is_an_error_not_a_silent_idle() {
    assert!(State::from_json(&serde_json::json!({"step": "gone"})).is_err());
}
