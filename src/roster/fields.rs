//! The columns a roster file may have, by kind, and the English and Chinese headers that name
//! them.

use super::ImportKind;
use crate::domain::project::Stage;

/// A column a roster file may have. Which ones a kind accepts is `Field::allowed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Code,
    Name,
    Township,
    Department,
    Section,
    Sections,
    Roles,
    Phone,
    Industry,
    Kind,
    Cadre,
    Contact,
    ContactPhone,
    Language,
    Categories,
    Head,
    DefaultAssignee,
    HeadOf,
    DefaultFor,
    Active,
    WecomUserid,
    /// 计划总投资 (万元)
    Investment,
    /// 累计完成投资
    Invested,
    /// 年度计划投资
    YearPlan,
    /// 本年完成投资
    YearInvested,
    /// The project's stage (阶段)
    Stage,
    /// A stage's planned date
    Planned(Stage),
    /// A stage's actual date
    Reached(Stage),
    LegalBasis,
    StatutoryDays,
    PromisedDays,
    Materials,
    Keywords,
    Step,
    StepDays,
    StepSection,
    StepPerson,
}

impl Field {
    /// The English header, as the README documents it.
    pub fn header(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Name => "name",
            Field::Township => "township",
            Field::Department => "department",
            Field::Section => "section",
            Field::Sections => "sections",
            Field::Roles => "roles",
            Field::Phone => "phone",
            Field::Industry => "industry",
            Field::Kind => "kind",
            Field::Cadre => "cadre",
            Field::Contact => "contact",
            Field::ContactPhone => "contact_phone",
            Field::Language => "language",
            Field::Categories => "categories",
            Field::Head => "head",
            Field::DefaultAssignee => "default_assignee",
            Field::HeadOf => "head_of",
            Field::DefaultFor => "default_for",
            Field::Active => "active",
            Field::WecomUserid => "wecom_userid",
            Field::Investment => "investment",
            Field::Invested => "invested",
            Field::YearPlan => "year_plan",
            Field::YearInvested => "year_invested",
            Field::Stage => "stage",
            Field::Planned(s) => match s {
                Stage::Signed => "signed_plan",
                Stage::Approved => "approved_plan",
                Stage::Started => "started_plan",
                Stage::Building => "building_plan",
                Stage::Finished => "finished_plan",
                Stage::Producing => "producing_plan",
            },
            Field::Reached(s) => match s {
                Stage::Signed => "signed_actual",
                Stage::Approved => "approved_actual",
                Stage::Started => "started_actual",
                Stage::Building => "building_actual",
                Stage::Finished => "finished_actual",
                Stage::Producing => "producing_actual",
            },
            Field::LegalBasis => "legal_basis",
            Field::StatutoryDays => "statutory_days",
            Field::PromisedDays => "promised_days",
            Field::Materials => "materials",
            Field::Keywords => "keywords",
            Field::Step => "step",
            Field::StepDays => "step_days",
            Field::StepSection => "step_section",
            Field::StepPerson => "step_person",
        }
    }

    /// Other headers accepted for this column, Chinese first. Compared after `normalize_header`.
    fn aliases(self, kind: ImportKind) -> &'static [&'static str] {
        match self {
            Field::Code => match kind {
                ImportKind::Projects => &["编码", "代码", "编号", "项目单位编码", "单位编码"],
                ImportKind::ApprovalItems => &["事项编码", "编码", "代码", "编号"],
                _ => &["编码", "代码", "编号"],
            },
            Field::Name => match kind {
                ImportKind::People => &["姓名", "名称"],
                ImportKind::Projects => &["项目名称", "名称"],
                ImportKind::ApprovalItems => &["事项名称", "名称"],
                _ => &["名称", "名字", "单位名称"],
            },
            Field::Township => &["乡镇", "乡镇编码", "所属乡镇"],
            Field::Department => &["部门", "部门编码", "所属部门", "责任部门", "主管部门"],
            Field::Section => &["科室", "承办科室"],
            Field::Sections => &["科室", "section"],
            Field::Roles => &["角色", "role"],
            Field::Phone => &["电话", "手机", "手机号", "联系电话"],
            Field::Industry => &["行业", "所属行业"],
            Field::Kind => &["类型", "type", "事项类型"],
            Field::Cadre => &["助企干部", "干部", "包联干部"],
            Field::Contact => &["联系人", "contact_name"],
            Field::ContactPhone => &["联系电话", "联系人电话"],
            Field::Language => &["语言", "lang", "locale"],
            Field::Categories => &["负责类别", "类别", "category"],
            Field::Head => &["负责人", "部门负责人"],
            Field::DefaultAssignee => &["默认责任人"],
            Field::HeadOf => &["负责部门"],
            Field::DefaultFor => &["默认责任部门"],
            Field::Active => &["在岗", "是否在岗"],
            Field::WecomUserid => &["企业微信账号", "企业微信userid", "政务微信账号"],
            Field::Investment => &["总投资", "计划总投资", "计划投资"],
            Field::Invested => &["累计完成投资", "完成投资", "已完成投资"],
            Field::YearPlan => &["年度计划投资", "年度计划", "年度投资计划"],
            Field::YearInvested => &["本年完成投资", "年度完成投资", "本年完成"],
            Field::Stage => &["阶段", "当前阶段", "项目阶段"],
            Field::Planned(s) => stage_date_aliases(s, true),
            Field::Reached(s) => stage_date_aliases(s, false),
            Field::LegalBasis => &["设定依据", "法律依据", "依据"],
            Field::StatutoryDays => &["法定时限", "法定时限(工作日)", "法定时限（工作日）"],
            Field::PromisedDays => &["承诺时限", "承诺时限(工作日)", "承诺时限（工作日）"],
            Field::Materials => &["申请材料", "所需材料", "材料"],
            Field::Keywords => &["关键词", "关键字"],
            Field::Step => &["环节", "办理环节", "环节名称"],
            Field::StepDays => &["环节时限", "环节时限(工作日)", "环节时限（工作日）"],
            Field::StepSection => &["环节科室", "责任科室"],
            Field::StepPerson => &["责任人", "环节责任人"],
        }
    }

    /// The columns each kind of file may have, and whether each is required.
    pub fn allowed(kind: ImportKind) -> &'static [(Field, bool)] {
        match kind {
            ImportKind::Townships => &[(Field::Code, true), (Field::Name, true)],
            ImportKind::Departments => &[
                (Field::Code, true),
                (Field::Name, true),
                (Field::Categories, false),
                (Field::Sections, false),
                (Field::Head, false),
                (Field::DefaultAssignee, false),
            ],
            ImportKind::People => &[
                (Field::Code, true),
                (Field::Name, true),
                (Field::Roles, true),
                (Field::Phone, false),
                (Field::Department, false),
                (Field::Section, false),
                (Field::Language, false),
                (Field::HeadOf, false),
                (Field::DefaultFor, false),
                (Field::Active, false),
                (Field::WecomUserid, false),
                (Field::Township, false),
            ],
            ImportKind::Enterprises => &[
                (Field::Code, true),
                (Field::Name, true),
                (Field::Township, true),
                (Field::Kind, false),
                (Field::Industry, false),
                (Field::Cadre, false),
                (Field::Contact, false),
                (Field::ContactPhone, false),
            ],
            ImportKind::Projects => &PROJECT_FIELDS,
            ImportKind::ApprovalItems => &[
                (Field::Code, true),
                (Field::Name, true),
                (Field::Department, true),
                (Field::Section, false),
                (Field::Kind, false),
                (Field::LegalBasis, false),
                (Field::StatutoryDays, true),
                (Field::PromisedDays, false),
                (Field::Materials, false),
                (Field::Keywords, false),
                (Field::Step, true),
                (Field::StepDays, true),
                (Field::StepSection, false),
                (Field::StepPerson, false),
            ],
        }
    }

    pub(super) fn matches(self, kind: ImportKind, normalized: &str) -> bool {
        self.header() == normalized || self.aliases(kind).contains(&normalized)
    }
}

/// The columns of a projects file: the record, then each stage's planned and actual date.
const PROJECT_FIELDS: [(Field, bool); 20] = [
    (Field::Code, true),
    (Field::Name, true),
    (Field::Department, false),
    (Field::Investment, false),
    (Field::Invested, false),
    (Field::YearPlan, false),
    (Field::YearInvested, false),
    (Field::Stage, false),
    (Field::Planned(Stage::Signed), false),
    (Field::Reached(Stage::Signed), false),
    (Field::Planned(Stage::Approved), false),
    (Field::Reached(Stage::Approved), false),
    (Field::Planned(Stage::Started), false),
    (Field::Reached(Stage::Started), false),
    (Field::Planned(Stage::Building), false),
    (Field::Reached(Stage::Building), false),
    (Field::Planned(Stage::Finished), false),
    (Field::Reached(Stage::Finished), false),
    (Field::Planned(Stage::Producing), false),
    (Field::Reached(Stage::Producing), false),
];

/// Chinese headers of a stage's planned (`计划开工`) or actual (`实际开工`) date.
fn stage_date_aliases(stage: Stage, planned: bool) -> &'static [&'static str] {
    match (stage, planned) {
        (Stage::Signed, true) => &["计划签约", "计划签约日期", "签约计划", "签约计划日期"],
        (Stage::Signed, false) => &["实际签约", "实际签约日期", "签约实际", "签约日期"],
        (Stage::Approved, true) => &["计划立项", "计划立项日期", "立项计划", "立项计划日期"],
        (Stage::Approved, false) => &["实际立项", "实际立项日期", "立项实际", "立项日期"],
        (Stage::Started, true) => &["计划开工", "计划开工日期", "开工计划", "开工计划日期"],
        (Stage::Started, false) => &["实际开工", "实际开工日期", "开工实际", "开工日期"],
        (Stage::Building, true) => &["计划在建", "计划在建日期", "在建计划", "在建计划日期"],
        (Stage::Building, false) => &["实际在建", "实际在建日期", "在建实际", "在建日期"],
        (Stage::Finished, true) => &["计划竣工", "计划竣工日期", "竣工计划", "竣工计划日期"],
        (Stage::Finished, false) => &["实际竣工", "实际竣工日期", "竣工实际", "竣工日期"],
        (Stage::Producing, true) => &["计划投产", "计划投产日期", "投产计划", "投产计划日期"],
        (Stage::Producing, false) => &["实际投产", "实际投产日期", "投产实际", "投产日期"],
    }
}

/// Headers compare without case, surrounding spaces, or the difference between ` `, `-` and `_`.
pub fn normalize_header(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
        .replace([' ', '-'], "_")
}
