//! The help text: what a person's roles let them do. Shown by `/help` and with the welcome
//! when an account is bound.
//!
//! ```text
//! 王建国:  /help
//! bot:     王建国，您好。您可以：
//!          【助企干部】/report 反映企业问题（也可直接发送问题描述）……
//!          【所有人】/case 编号 查看事项 · /lang 切换语言 · /cancel 退出当前操作
//! ```

use crate::domain::{Role, Roles};
use crate::i18n::{Args, t, tr};
use crate::store::people::Person;

/// The names of the roles a person holds, joined for a sentence.
pub(crate) fn role_names(locale: &str, roles: &Roles) -> String {
    let names: Vec<String> = roles
        .iter()
        .map(|r| t(locale, &format!("role-{}", r.code())))
        .collect();
    if names.is_empty() {
        t(locale, "bot-no-role")
    } else {
        names.join(&t(locale, "bot-list-separator"))
    }
}

/// The help text for a person.
pub(crate) fn render(locale: &str, person: &Person) -> String {
    let mut parts = vec![tr(
        locale,
        "bot-help-intro",
        Args::new().str("name", &person.name),
    )];
    for role in Role::ALL {
        if person.roles.has(role) {
            let mut part = t(locale, &format!("bot-help-{}", role.code()));
            if role == Role::Admin {
                part.push_str("\n    ");
                part.push_str(&t(locale, "bot-help-admin-groups"));
                part.push('\n');
                part.push_str(&t(locale, "access-help-admin"));
            }
            parts.push(part);
        }
    }
    if person.roles.is_empty() {
        parts.push(t(locale, "bot-help-no-role"));
    }
    parts.push(t(locale, "bot-help-everyone"));
    parts.join("\n\n")
}
