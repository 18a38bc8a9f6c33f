//! The demo county's catalogue of approval items (审批事项, 权力运行图) for four departments,
//! and a few held cases linked to them (their roadmaps counted from the day they were
//! dispatched, so the older ones have steps overdue).

use chrono::{Duration, TimeZone, Utc};

use super::DemoError;
use super::county::County;
use crate::domain::approval::{CatalogueStep, ItemKind, plan};
use crate::domain::{Action, Correction};
use crate::store::PgConnection;
use crate::store::approval::{self, ItemRecord, StepRecord};
use crate::store::{milestones, roster};

/// A step: its name, its limit in working days, its section and which officer (0: `off-<d>`,
/// 1: `off-<d>-2`).
type Step = (&'static str, i32, &'static str, usize);

struct Item {
    code: &'static str,
    name: &'static str,
    department: &'static str,
    section: &'static str,
    kind: ItemKind,
    basis: &'static str,
    statutory: i32,
    promised: i32,
    materials: &'static str,
    keywords: &'static [&'static str],
    steps: &'static [Step],
}

const STANDARD: &str = "受理";

const ITEMS: [Item; 7] = [
    Item {
        code: "FGJ-001",
        name: "企业投资项目备案",
        department: "fgj",
        section: "tz",
        kind: ItemKind::Administrative,
        basis: "《企业投资项目核准和备案管理条例》第十三条",
        statutory: 5,
        promised: 3,
        materials: "项目备案信息表；企业营业执照",
        keywords: &["备案", "立项"],
        steps: &[
            (STANDARD, 1, "tz", 0),
            ("审核", 1, "tz", 1),
            ("办结", 1, "xm", 0),
        ],
    },
    Item {
        code: "FGJ-002",
        name: "固定资产投资项目节能审查",
        department: "fgj",
        section: "xm",
        kind: ItemKind::Administrative,
        basis: "《固定资产投资项目节能审查办法》第六条",
        statutory: 20,
        promised: 12,
        materials: "节能报告；项目备案证明",
        keywords: &["节能", "能评"],
        steps: &[
            (STANDARD, 1, "xm", 0),
            ("审查", 8, "xm", 1),
            ("决定", 2, "xm", 0),
            ("送达", 1, "xm", 0),
        ],
    },
    Item {
        code: "ZJJ-001",
        name: "建筑工程施工许可证核发",
        department: "zjj",
        section: "jz",
        kind: ItemKind::Administrative,
        basis: "《中华人民共和国建筑法》第七条",
        statutory: 15,
        promised: 7,
        materials: "施工许可申请表；用地批准手续；施工图审查合格书；中标通知书",
        keywords: &["施工许可", "开工"],
        steps: &[
            (STANDARD, 1, "jz", 0),
            ("审查", 4, "jz", 1),
            ("决定", 1, "jz", 0),
            ("送达", 1, "jz", 0),
        ],
    },
    Item {
        code: "ZJJ-002",
        name: "建设工程竣工验收备案",
        department: "zjj",
        section: "aq",
        kind: ItemKind::Social,
        basis: "《房屋建筑和市政基础设施工程竣工验收备案管理办法》第四条",
        statutory: 15,
        promised: 5,
        materials: "竣工验收备案表；竣工验收报告；消防验收意见",
        keywords: &["竣工", "验收"],
        steps: &[
            (STANDARD, 1, "aq", 1),
            ("审核", 3, "aq", 1),
            ("办结", 1, "aq", 0),
        ],
    },
    Item {
        code: "JTJ-001",
        name: "公路超限运输许可",
        department: "jtj",
        section: "ys",
        kind: ItemKind::Administrative,
        basis: "《公路安全保护条例》第三十五条",
        statutory: 15,
        promised: 5,
        materials: "超限运输申请表；车辆行驶证；护送方案",
        keywords: &["超限", "大件运输"],
        steps: &[
            (STANDARD, 1, "ys", 1),
            ("审查", 2, "ys", 1),
            ("决定", 1, "ys", 0),
            ("送达", 1, "ys", 0),
        ],
    },
    Item {
        code: "JTJ-002",
        name: "涉路施工许可",
        department: "jtj",
        section: "gl",
        kind: ItemKind::Administrative,
        basis: "《中华人民共和国公路法》第四十四条",
        statutory: 20,
        promised: 10,
        materials: "涉路施工申请书；施工方案；安全保障措施",
        keywords: &["涉路", "占道", "道路"],
        steps: &[
            (STANDARD, 1, "gl", 0),
            ("现场踏勘", 3, "gl", 1),
            ("审查", 4, "gl", 0),
            ("决定", 2, "gl", 0),
        ],
    },
    Item {
        code: "ZRJ-001",
        name: "建设工程规划许可证核发",
        department: "zrj",
        section: "gh",
        kind: ItemKind::Administrative,
        basis: "《中华人民共和国城乡规划法》第四十条",
        statutory: 20,
        promised: 10,
        materials: "建设工程规划许可申请表；设计方案总平面图；土地权属证明",
        keywords: &["规划许可", "规划"],
        steps: &[
            (STANDARD, 1, "gh", 0),
            ("审查", 6, "gh", 1),
            ("决定", 2, "gh", 0),
            ("送达", 1, "gh", 0),
        ],
    },
];

/// Cases of each department linked to its first item.
const LINKED_PER_DEPARTMENT: i64 = 2;

impl County<'_> {
    /// The catalogue, then a few held cases linked to it.
    pub(super) async fn catalogue(&mut self, conn: &mut PgConnection) -> Result<(), DemoError> {
        let at = self.now - Duration::days(super::county::HISTORY_DAYS + 30);
        let mut linked = Vec::new();
        for item in &ITEMS {
            let department = self
                .departments
                .get(item.department)
                .ok_or_else(|| DemoError::Missing(item.department.to_string()))?;
            let (department_id, officers) = (department.id, department.officers.clone());
            let sections = roster::sections_of(conn, &[department_id]).await?;
            let section = |code: &str| sections.iter().find(|s| s.code == code).map(|s| s.id);
            let record = ItemRecord {
                code: item.code.into(),
                name: item.name.into(),
                department_id,
                section_id: section(item.section),
                kind: item.kind.code().into(),
                legal_basis: Some(item.basis.into()),
                materials: Some(item.materials.into()),
                keywords: item.keywords.iter().map(|k| k.to_string()).collect(),
                statutory_days: item.statutory,
                promised_days: item.promised,
            };
            let steps: Vec<StepRecord> = item
                .steps
                .iter()
                .map(|(name, days, s, who)| StepRecord {
                    name: (*name).into(),
                    days: *days,
                    section_id: section(s),
                    person_id: officers.get(*who).copied(),
                })
                .collect();
            approval::upsert(conn, &record, &steps, None, true, at).await?;
            if !linked.contains(&department_id) {
                linked.push(department_id);
                self.link_held(conn, department_id, item.code, officers[0])
                    .await?;
            }
        }
        Ok(())
    }

    /// Links the cases a department has held longest to the item `code`, from their dispatch
    /// day; the first step of the first is marked done.
    async fn link_held(
        &mut self,
        conn: &mut PgConnection,
        department_id: i64,
        code: &str,
        officer: i64,
    ) -> Result<(), DemoError> {
        let (item, _) = approval::search(conn, &[code.to_string()], 0, 1).await?;
        let item = item
            .into_iter()
            .next()
            .ok_or_else(|| DemoError::Missing(code.to_string()))?;
        let steps: Vec<CatalogueStep> = approval::steps(conn, item.id)
            .await?
            .into_iter()
            .map(|s| s.catalogue_step())
            .collect();
        let actor = self
            .people
            .values()
            .find(|p| p.id == officer)
            .map(|p| p.actor.clone())
            .ok_or_else(|| DemoError::Missing(format!("officer {officer}")))?;
        let held = approval::held_cases(conn, department_id, LINKED_PER_DEPARTMENT).await?;
        for (n, (case_id, dispatched_at)) in held.into_iter().enumerate() {
            let start = self.local_date(dispatched_at);
            let planned = plan(start, &steps, self.calendar);
            // Linked after everything the case went through so far (the record stays in order).
            let last = crate::store::cases::events(conn, case_id)
                .await?
                .last()
                .map_or(dispatched_at, |e| e.created_at);
            let at = last + Duration::minutes(5);
            let first_due = planned.first().map(|p| p.due_on);
            let link = Action::Correct(Correction::LinkItem {
                item_id: item.id,
                section_id: item.section_id,
                steps: planned,
            });
            let failed = |step: &str| {
                let step = step.to_string();
                move |source| DemoError::Case {
                    case: case_id.to_string(),
                    step,
                    source,
                }
            };
            crate::store::cases::act(conn, case_id, &actor, &link, at)
                .await
                .map_err(failed("link to an approval item"))?;
            // The first case's first step done on its last day in the morning (or right after
            // the link, late, when that day had passed).
            let done_at = first_due
                .and_then(|d| d.and_hms_opt(10, 0, 0))
                .and_then(|t| self.tz.from_local_datetime(&t).single())
                .map(|t| t.with_timezone(&Utc).max(at + Duration::minutes(5)))
                .filter(|t| n == 0 && *t < self.now);
            let first = milestones::of_case(conn, case_id).await?.into_iter().next();
            if let (Some(done_at), Some(step)) = (done_at, first) {
                let done = Action::Correct(Correction::StepDone {
                    milestone_id: step.id,
                });
                crate::store::cases::act(conn, case_id, &actor, &done, done_at)
                    .await
                    .map_err(failed("first step done"))?;
            }
        }
        Ok(())
    }
}
