//! Who handles a case: one rule, shared by the conversation engine (notices when a case
//! changes) and the scheduler (reminders and escalations).

/// Someone who is told about a case: a person, or a department's bound group chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Handler {
    Person(i64),
    /// A bound group chat (`group_chats.id`).
    Group(i64),
}

/// Who handles a case: its assignee; with none, the department's bound group chats; with none
/// of those either, every officer of the department. `assignee` is the assignee only when they
/// can be reached (an inactive assignee is passed as `None`); `group_chats` and `officers` are
/// the department's, empty for a case with no department.
pub fn case_handlers(assignee: Option<i64>, group_chats: &[i64], officers: &[i64]) -> Vec<Handler> {
    if let Some(a) = assignee {
        return vec![Handler::Person(a)];
    }
    if !group_chats.is_empty() {
        return group_chats.iter().copied().map(Handler::Group).collect();
    }
    officers.iter().copied().map(Handler::Person).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assignee_handles_a_case_before_anyone_else() {
        assert_eq!(
            case_handlers(Some(7), &[3], &[1, 2]),
            vec![Handler::Person(7)]
        );
    }

    #[test]
    fn without_an_assignee_the_departments_group_handles_it() {
        assert_eq!(
            case_handlers(None, &[3, 4], &[1, 2]),
            vec![Handler::Group(3), Handler::Group(4)]
        );
    }

    #[test]
    fn without_an_assignee_or_a_group_every_officer_handles_it() {
        assert_eq!(
            case_handlers(None, &[], &[1, 2]),
            vec![Handler::Person(1), Handler::Person(2)]
        );
        assert!(case_handlers(None, &[], &[]).is_empty());
    }
}
