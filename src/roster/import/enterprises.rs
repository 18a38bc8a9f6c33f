//! Importing enterprises and project units: township, kind, cadre (who must hold the cadre
//! role), industry and contact.

use crate::store::PgConnection;

use super::check::{Check, merge, parse_kind};
use super::{Writer, column_values};
use crate::domain::{Role, Roles};
use crate::roster::table::{Field, Table};
use crate::roster::{ImportError, RowProblem};
use crate::store::roster::{self as store, EnterpriseRecord};

pub(super) async fn enterprises(
    conn: &mut PgConnection,
    table: &Table,
    w: &mut Writer<'_>,
) -> Result<(), ImportError> {
    let column = |field: Field| column_values(table, field);
    let existing = store::by_code::<EnterpriseRecord>(conn, &column(Field::Code)).await?;
    let townships = store::township_ids(conn, &column(Field::Township)).await?;
    let cadres = store::person_refs(conn, &column(Field::Cadre)).await?;

    let mut check = Check::new(table);
    let mut planned = Vec::new();
    for row in &table.rows {
        let code = check.code(row);
        let name = check.required(row, Field::Name);
        let township = match check.required(row, Field::Township) {
            Some(t) => match townships.get(&t) {
                Some(id) => Some(*id),
                None => {
                    check.fail(row, RowProblem::UnknownTownship { code: t });
                    None
                }
            },
            None => None,
        };
        let current = code.as_ref().and_then(|c| existing.get(c));
        let kind = match check.cell(row, Field::Kind) {
            None => Some(
                current
                    .map(|e| e.record.kind.clone())
                    .unwrap_or_else(|| "enterprise".to_string()),
            ),
            Some("") => Some("enterprise".to_string()),
            Some(k) => match parse_kind(k) {
                Some(k) => Some(k.to_string()),
                None => {
                    check.fail(
                        row,
                        RowProblem::BadKind {
                            value: k.to_string(),
                        },
                    );
                    None
                }
            },
        };
        let cadre: Option<Option<i64>> = match check.cell(row, Field::Cadre) {
            None => Some(current.and_then(|e| e.record.cadre_id)),
            Some("") => Some(None),
            Some(c) => match cadres.get(c) {
                None => {
                    check.fail(
                        row,
                        RowProblem::UnknownPerson {
                            code: c.to_string(),
                        },
                    );
                    None
                }
                Some(p) if !Roles::from_codes(&p.roles).has(Role::Cadre) => {
                    check.fail(
                        row,
                        RowProblem::NotACadre {
                            code: c.to_string(),
                        },
                    );
                    None
                }
                Some(p) => Some(Some(p.id)),
            },
        };
        let old = current.map(|e| &e.record);
        let industry = merge(
            check.optional(row, Field::Industry),
            old.map(|o| &o.industry),
        );
        let contact = merge(
            check.optional(row, Field::Contact),
            old.map(|o| &o.contact_name),
        );
        let contact_phone = merge(
            check.phone(row, Field::ContactPhone),
            old.map(|o| &o.contact_phone),
        );
        if let (
            Some(code),
            Some(name),
            Some(township_id),
            Some(kind),
            Some(cadre_id),
            Some(industry),
            Some(contact_name),
            Some(contact_phone),
        ) = (
            code,
            name,
            township,
            kind,
            cadre,
            industry,
            contact,
            contact_phone,
        ) {
            planned.push(EnterpriseRecord {
                code,
                name,
                kind,
                township_id,
                industry,
                cadre_id,
                contact_name,
                contact_phone,
            });
        }
    }
    check.done()?;

    for record in planned {
        let (_, outcome) = w.put(conn, existing.get(&record.code), &record).await?;
        w.count(outcome);
    }
    Ok(())
}
