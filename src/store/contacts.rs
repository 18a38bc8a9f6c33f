//! Whom to call about a case: the enterprise's contact person, the cadre paired with it, the
//! officer handling it, with their phones, and the section (科室) it sits with.

use sqlx::PgConnection;

use super::StoreError;

#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseContacts {
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub cadre_name: Option<String>,
    pub cadre_phone: Option<String>,
    pub assignee_phone: Option<String>,
    /// The case's section, else the section of the officer handling it.
    pub section_name: Option<String>,
}

/// The contacts of a case; all empty when the case does not exist.
pub async fn of_case(conn: &mut PgConnection, case_id: i64) -> Result<CaseContacts, StoreError> {
    let row: Option<CaseContacts> = sqlx::query_as(
        "select nullif(trim(e.contact_name), '') as contact_name, \
                nullif(trim(e.contact_phone), '') as contact_phone, \
                cp.name as cadre_name, nullif(trim(cp.phone), '') as cadre_phone, \
                nullif(trim(ap.phone), '') as assignee_phone, s.name as section_name \
         from cases c join enterprises e on e.id = c.enterprise_id \
         left join people cp on cp.id = e.cadre_id \
         left join people ap on ap.id = c.assignee_id \
         left join sections s on s.id = coalesce(c.section_id, \
             case when ap.department_id = c.department_id then ap.section_id end) \
         where c.id = $1",
    )
    .bind(case_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.unwrap_or_default())
}
