//! The card's "whom to call" lines: the enterprise's contact person, the cadre, the section
//! and the officer's phone. Phone numbers are links (`tel:`), which Telegram makes tappable
//! and the console shows as the plain number.
//!
//! ```text
//! 📋 ZZ-2026-0001 · 已交办待签收
//! 企业：秦岭猕猴桃合作社（马召镇）
//! 企业联系人：张经理 · 13800000001
//! 助企干部：王建国 · 13900000002
//! ```

use crate::i18n::{Args, escape_html, t, tr};
use crate::store::contacts::CaseContacts;

/// A phone number in the engine's markup: a `tel:` link when it has digits, else the text.
pub(crate) fn phone(number: &str) -> String {
    let number = number.trim();
    let mut dial: String = number.chars().filter(|c| c.is_ascii_digit()).collect();
    if dial.is_empty() {
        return escape_html(number);
    }
    if number.starts_with('+') {
        dial.insert(0, '+');
    }
    format!("<a href=\"tel:{dial}\">{}</a>", escape_html(number))
}

/// A name and an optional phone, as one value.
fn name_and_phone(locale: &str, name: Option<&str>, number: Option<&str>) -> Option<String> {
    match (name, number) {
        (None, None) => None,
        (Some(name), None) => Some(escape_html(name)),
        (None, Some(number)) => Some(phone(number)),
        (Some(name), Some(number)) => Some(tr(
            locale,
            "menus-card-name-phone",
            Args::new().str("name", name).html("phone", phone(number)),
        )),
    }
}

/// The enterprise line's companions: contact person and cadre (before the description).
pub(crate) fn people_lines(locale: &str, c: &CaseContacts) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(v) = name_and_phone(
        locale,
        c.contact_name.as_deref(),
        c.contact_phone.as_deref(),
    ) {
        lines.push(tr(locale, "menus-card-contact", Args::new().html("who", v)));
    }
    let cadre = name_and_phone(locale, c.cadre_name.as_deref(), c.cadre_phone.as_deref())
        .unwrap_or_else(|| escape_html(&t(locale, "menus-card-no-cadre")));
    lines.push(tr(
        locale,
        "menus-card-cadre",
        Args::new().html("who", cadre),
    ));
    lines
}

/// The department line's companions: the section, and the officer's phone.
pub(crate) fn department_lines(locale: &str, c: &CaseContacts) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(section) = &c.section_name {
        lines.push(tr(
            locale,
            "menus-card-section",
            Args::new().str("section", section),
        ));
    }
    if let Some(number) = &c.assignee_phone {
        lines.push(tr(
            locale,
            "menus-card-assignee-phone",
            Args::new().html("phone", phone(number)),
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_become_tel_links_and_stay_readable() {
        assert_eq!(
            phone("138-0000 0001"),
            "<a href=\"tel:13800000001\">138-0000 0001</a>"
        );
        assert_eq!(
            phone(" +86 139 0000 0002"),
            "<a href=\"tel:+8613900000002\">+86 139 0000 0002</a>"
        );
        assert_eq!(phone("<none>"), "&lt;none&gt;");
        assert_eq!(
            crate::i18n::html_to_text(&phone("0915-1234567")),
            "0915-1234567"
        );
    }
}
