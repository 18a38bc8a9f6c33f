//! A fictional county for trying the bot: townships, departments, cadres, 155 enterprises and
//! project units, and a few months of cases in every state, all created through the same store
//! functions the bot uses (so the process record is real) and all marked `is_demo`.
//!
//! Deterministic: the same `now` gives the same county. Demo people have stable roster codes
//! (`cadre01`…`cadre40`, `dispatcher`, `leader1`…`leader3`, `admin`, `head-<dept>`,
//! `off-<dept>`, `off-<dept>-2`) so `zhuqi chat --as CODE` works without an invite.

use anyhow::Context;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use sqlx::{PgConnection, PgPool};
use std::collections::HashMap;

use crate::config::Settings;
use crate::domain::{
    Action, Actor, CaseStatus, Category, Difficulty, Role, Roles, Satisfaction, WorkCalendar,
};
use crate::i18n::{Args, html_to_text, t, tr};
use crate::store::StoreError;
use crate::store::cases::{self, NewCase};
use crate::store::roster::{
    self, DemoCounts, DepartmentRecord, EnterpriseRecord, PersonRecord, TownshipRecord,
};
use crate::store::visits::{self, NewVisit};

/// The roster code of a demo cadre (with four enterprises).
pub const CADRE: &str = "cadre01";
/// The roster code of the demo dispatcher (活动办).
pub const DISPATCHER: &str = "dispatcher";
/// The roster code of the default assignee of the demo development and reform bureau.
pub const OFFICER: &str = "off-fgj";
/// The roster code of a demo county leader.
pub const LEADER: &str = "leader1";
/// The roster code of the demo administrator.
pub const ADMIN: &str = "admin";

/// How far back the demo's cases go.
const HISTORY_DAYS: i64 = 120;
const CASES: usize = 240;
const CADRES: usize = 40;
const ENTERPRISES: usize = 120;
const PROJECTS: usize = 35;
const RNG_SEED: u64 = 0x5a48_5551;

/// Why the demo was not seeded.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The ledger already holds a real roster; demo data would mix with it.
    #[error("the roster already holds real data")]
    RosterNotEmpty,
}

/// A person to try the console as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoHint {
    pub role: Role,
    pub code: String,
    pub name: String,
}

/// What `seed` found or made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoReport {
    /// The demo was there already; nothing was added.
    pub already_seeded: bool,
    pub counts: DemoCounts,
    /// A cadre, the dispatcher, an officer, a leader and the admin.
    pub hints: Vec<DemoHint>,
}

/// Whether the ledger holds the demo county.
pub async fn is_seeded(pool: &PgPool) -> Result<bool, StoreError> {
    let mut conn = pool.acquire().await?;
    Ok(roster::roster_counts(&mut conn).await?.demo > 0)
}

/// Fills an empty ledger with the demo county as of `now`. Refuses (`DemoError::RosterNotEmpty`)
/// when real roster rows exist; reports `already_seeded` when the demo is there.
pub async fn seed(
    pool: &PgPool,
    settings: &Settings,
    now: DateTime<Utc>,
) -> anyhow::Result<DemoReport> {
    let calendar = settings
        .calendar()
        .context("reading the working-day calendar")?;
    let mut tx = pool.begin().await?;
    roster::lock_roster(&mut tx).await?;
    let counts = roster::roster_counts(&mut tx).await?;
    if counts.real > 0 {
        return Err(DemoError::RosterNotEmpty.into());
    }
    let already_seeded = counts.demo > 0;
    if !already_seeded {
        let mut county = County::new(settings, &calendar, now);
        county.build(&mut tx).await?;
    }
    let report = DemoReport {
        already_seeded,
        counts: roster::demo_counts(&mut tx).await?,
        hints: hints(&mut tx).await?,
    };
    tx.commit().await?;
    Ok(report)
}

async fn hints(conn: &mut PgConnection) -> Result<Vec<DemoHint>, StoreError> {
    let mut out = Vec::new();
    for (role, code) in [
        (Role::Cadre, CADRE),
        (Role::Dispatcher, DISPATCHER),
        (Role::Officer, OFFICER),
        (Role::Leader, LEADER),
        (Role::Admin, ADMIN),
    ] {
        if let Some(p) = crate::store::people::by_code(conn, code).await? {
            out.push(DemoHint {
                role,
                code: p.code,
                name: p.name,
            });
        }
    }
    Ok(out)
}

/// `zhuqi demo`.
pub async fn cli(settings: Settings) -> anyhow::Result<()> {
    let locale = settings.default_locale.clone();
    let pool = crate::app::open(&settings).await?;
    let report = match seed(&pool, &settings, Utc::now()).await {
        Ok(r) => r,
        Err(e) if e.downcast_ref::<DemoError>().is_some() => {
            anyhow::bail!(html_to_text(&t(&locale, "cli-demo-refused")))
        }
        Err(e) => return Err(e),
    };
    crate::roster::print_lines(report_lines(&locale, &report));
    Ok(())
}

/// What `zhuqi demo` prints, in `locale` (Telegram HTML).
pub fn report_lines(locale: &str, report: &DemoReport) -> Vec<String> {
    let c = &report.counts;
    let mut lines = Vec::new();
    if report.already_seeded {
        lines.push(t(locale, "cli-demo-already"));
    } else {
        lines.push(tr(
            locale,
            "cli-demo-seeded",
            Args::new()
                .num("townships", c.townships as f64)
                .num("departments", c.departments as f64)
                .num("people", c.people as f64)
                .num("enterprises", c.enterprises as f64)
                .num("cases", c.cases as f64)
                .num("visits", c.visits as f64),
        ));
        for status in CaseStatus::ALL {
            let count = c
                .by_status
                .iter()
                .find(|(s, _)| s == status.code())
                .map_or(0, |(_, n)| *n);
            lines.push(tr(
                locale,
                "cli-demo-status",
                Args::new()
                    .str("status", t(locale, &format!("status-{}", status.code())))
                    .num("count", count as f64),
            ));
        }
    }
    lines.push(t(locale, "cli-demo-note"));
    lines.push(t(locale, "cli-demo-hints"));
    for h in &report.hints {
        lines.push(tr(
            locale,
            "cli-demo-hint",
            Args::new()
                .str("role", t(locale, &format!("role-{}", h.role.code())))
                .str("code", &h.code)
                .str("name", &h.name),
        ));
    }
    lines
}

// ---------------------------------------------------------------------------------------------
// The county's data. All names are invented.

const TOWNSHIPS: [(&str, &str); 10] = [
    ("t01", "青岚镇"),
    ("t02", "柳溪镇"),
    ("t03", "石门镇"),
    ("t04", "云台镇"),
    ("t05", "翠峰镇"),
    ("t06", "白鹭镇"),
    ("t07", "桃源镇"),
    ("t08", "松岭镇"),
    ("t09", "金川镇"),
    ("t10", "龙泉街道"),
];

struct DepartmentSpec {
    code: &'static str,
    name: &'static str,
    categories: &'static [Category],
    sections: [(&'static str, &'static str); 2],
}

const DEPARTMENTS: [DepartmentSpec; 10] = [
    DepartmentSpec {
        code: "fgj",
        name: "县发展和改革局",
        categories: &[Category::KeyProject],
        sections: [("xm", "重点项目办"), ("tz", "投资科")],
    },
    DepartmentSpec {
        code: "gxj",
        name: "县工业和信息化局",
        categories: &[Category::Industry],
        sections: [("yx", "工业运行科"), ("jg", "技术改造科")],
    },
    DepartmentSpec {
        code: "swj",
        name: "县商务局",
        categories: &[Category::Commerce],
        sections: [("lt", "商贸流通科"), ("wm", "对外贸易科")],
    },
    DepartmentSpec {
        code: "zjj",
        name: "县住房和城乡建设局",
        categories: &[Category::Construction],
        sections: [("jz", "建筑业管理科"), ("aq", "质量安全站")],
    },
    DepartmentSpec {
        code: "wlj",
        name: "县文化和旅游局",
        categories: &[Category::Tourism, Category::Culture],
        sections: [("ly", "旅游发展科"), ("wh", "文化产业科")],
    },
    DepartmentSpec {
        code: "kjj",
        name: "县科学技术局",
        categories: &[Category::Technology],
        sections: [("gx", "高新技术科"), ("cx", "创新服务科")],
    },
    DepartmentSpec {
        code: "jtj",
        name: "县交通运输局",
        categories: &[Category::Transport],
        sections: [("gl", "公路建设科"), ("ys", "运输管理科")],
    },
    DepartmentSpec {
        code: "jrb",
        name: "县金融工作服务中心",
        categories: &[Category::Finance],
        sections: [("xd", "信贷协调科"), ("fk", "风险防控科")],
    },
    DepartmentSpec {
        code: "zrj",
        name: "县自然资源局",
        categories: &[],
        sections: [("yd", "用地保障科"), ("gh", "规划科")],
    },
    DepartmentSpec {
        code: "rsj",
        name: "县人力资源和社会保障局",
        categories: &[],
        sections: [("jy", "就业促进科"), ("rc", "人才服务科")],
    },
];

const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
];

const GIVEN_NAMES: [&str; 40] = [
    "明远", "晓岚", "建峰", "雅婷", "志刚", "海燕", "文博", "丽娟", "国栋", "春梅", "浩然", "秀英",
    "立新", "雪莹", "振华", "慧敏", "永强", "静怡", "俊杰", "红霞", "思源", "玉兰", "鹏飞", "晓燕",
    "德胜", "佳琪", "卫东", "婉清", "子涵", "桂芳", "承泽", "淑贞", "博文", "若曦", "朝阳", "美玲",
    "启航", "书瑶", "松涛", "梦琪",
];

const BRANDS: [&str; 20] = [
    "绿源", "恒泰", "华丰", "瑞祥", "鑫达", "宏远", "金穗", "天禾", "博远", "佳禾", "嘉和", "永盛",
    "汇通", "新程", "康德", "明辉", "润田", "星河", "禾丰", "云帆",
];

/// Business line of an enterprise: name part and industry.
const LINES: [(&str, &str); 14] = [
    ("食品", "食品加工"),
    ("机械制造", "装备制造"),
    ("新材料", "新材料"),
    ("电子商务", "电子商务"),
    ("建材", "建材"),
    ("农业科技", "现代农业"),
    ("生物科技", "生物医药"),
    ("物流", "物流"),
    ("文化传媒", "文化创意"),
    ("旅游开发", "文化旅游"),
    ("建筑工程", "建筑业"),
    ("软件", "信息技术"),
    ("果业", "现代农业"),
    ("包装", "包装印刷"),
];

const PROJECT_KINDS: [(&str, &str); 12] = [
    ("猕猴桃冷链仓储项目", "现代农业"),
    ("农产品加工园项目", "食品加工"),
    ("全域旅游服务中心项目", "文化旅游"),
    ("标准化厂房项目", "园区建设"),
    ("分布式光伏发电项目", "新能源"),
    ("物流园项目", "物流"),
    ("污水处理厂提标改造项目", "市政设施"),
    ("康养小镇项目", "文化旅游"),
    ("智慧农业示范园项目", "现代农业"),
    ("文创街区项目", "文化创意"),
    ("职业技能实训基地项目", "教育培训"),
    ("农贸市场改造项目", "商贸"),
];

/// Problems as cadres write them, per category.
fn descriptions(category: Category) -> &'static [&'static str] {
    match category {
        Category::KeyProject => &[
            "项目用地预审已提交一个多月仍未批复，影响项目按期开工，请帮助协调自然资源部门加快审批。",
            "项目环评报告已编制完成，专家评审会迟迟未能安排，希望尽快组织评审。",
            "二期厂房规划许可证办理卡在规划条件核实环节，企业不清楚还需补充哪些材料。",
            "项目红线内还有三户未完成征迁，施工单位无法进场，请镇村协助做好群众工作。",
            "项目立项备案信息需要变更投资额，线上系统无法修改，请发改部门指导办理。",
            "项目施工用水用电临时接入手续办理较慢，开工节点面临延误。",
        ],
        Category::Industry => &[
            "厂区用电负荷不足，新增两条生产线后经常跳闸，申请增容一直没有答复。",
            "企业新上设备需要办理特种设备使用登记，不清楚办理流程和时限。",
            "天然气供应价格上涨且供气不稳定，影响连续生产，请协调燃气公司保障供应。",
            "旺季订单增加，招工困难，缺少熟练操作工约50人，希望帮助对接劳务资源。",
            "企业技术改造项目已完工，申报省级技改补助需要主管部门出具意见。",
            "厂房屋顶漏水严重，园区管委会维修进度慢，影响原料仓储。",
        ],
        Category::Commerce => &[
            "企业想开展农产品电商直播销售，缺少场地和运营人员，希望得到电商服务中心支持。",
            "食品经营许可证即将到期，延续申请提交后系统显示退回，不清楚原因。",
            "企业有意拓展出口业务，不了解出口备案和报关流程，请商务部门给予指导。",
            "猕猴桃销售季临近，冷链物流车辆不足，希望协调物流企业对接。",
            "门店所在商业街改造施工围挡时间过长，客流下降明显，销路受影响。",
            "参加外地展销会的补贴政策不清楚，希望了解申报条件。",
        ],
        Category::Construction => &[
            "厂房竣工验收中消防验收未通过，整改意见不够明确，请住建部门上门指导。",
            "企业承建的安置房项目工程款拖欠较多，影响农民工工资支付。",
            "建筑业企业资质升级申报材料多次被退回，希望得到具体指导。",
            "施工许可证办理需要的图审合格书出具较慢，工地已停工等待。",
            "厂区附属用房需要办理房屋产权登记，历史手续不全，无法办理。",
            "工地周边道路被渣土车压坏，群众有意见，需要协调处理方案。",
        ],
        Category::Tourism => &[
            "景区旺季游客多，停车位严重不足，周边道路拥堵，希望增设临时停车场。",
            "民宿办理特种行业许可证流程不清楚，多部门来回跑，希望一次讲清。",
            "景区通往主路的旅游标识牌缺失，游客经常走错路，请协调设置。",
            "农家乐集中区污水处理设施不完善，影响环境和游客体验。",
            "希望将景区纳入县里的旅游宣传推介线路，增加客源。",
            "酒店消防改造需要专业机构评估，不清楚资质要求和费用标准。",
        ],
        Category::Technology => &[
            "企业申报高新技术企业认定，研发费用归集不规范，需要专业辅导。",
            "两项发明专利申请已受理一年多，希望了解能否走快速审查通道。",
            "企业与高校合作研发项目需要配套资金，想了解县级科技计划项目申报时间。",
            "数字化车间改造缺少懂软件的技术人才，希望对接人才引进政策。",
            "科技型中小企业评价入库后，研发费用加计扣除政策享受不到位。",
            "企业想建设市级工程技术研究中心，不清楚认定条件。",
        ],
        Category::Transport => &[
            "厂区门前道路破损严重，雨天积水，货车进出困难，请交通部门安排维修。",
            "园区到高速入口的道路限高限重，大型货车无法通行，影响原料运输。",
            "企业货车办理道路运输证年审，系统提示信息不一致，无法办理。",
            "厂区附近路段没有路灯，夜班员工上下班存在安全隐患。",
            "村道桥梁年久失修，被限行后农产品运输只能绕行十多公里。",
            "希望在园区增设公交站点，方便员工通勤。",
        ],
        Category::Culture => &[
            "文创产品开发需要使用非遗图案，不清楚授权和备案手续。",
            "企业举办大型演出活动需要办理营业性演出许可，时间紧，希望加快办理。",
            "户外广告牌设置审批涉及多个部门，企业不清楚应当向哪个部门申请。",
            "文化产业园入驻企业希望享受房租减免政策，具体条件不明确。",
            "影视拍摄基地建设需要协调林地使用和文物保护意见。",
        ],
        Category::Finance => &[
            "企业流动资金紧张，原料采购款缺口约300万元，希望对接银行贷款支持。",
            "一笔200万元贷款下月到期，续贷需要提前还款，担心资金链断裂，请求协调无还本续贷。",
            "申请创业担保贷款，担保机构要求的反担保条件企业难以满足。",
            "企业享受的稳岗补贴迟迟未到账，不清楚卡在哪个环节。",
            "企业想申请政府性融资担保，担保费率较高，希望了解降费政策。",
            "增值税留抵退税申请已提交，退税进度较慢，影响资金周转。",
        ],
    }
}

/// What the department answers when it resolves a case, per category.
fn answers(category: Category) -> &'static [&'static str] {
    match category {
        Category::KeyProject => &[
            "已协调相关部门开通绿色通道，审批手续已办结，项目可按期开工。",
            "已组织专家评审并出具意见，企业按意见修改后已完成批复。",
            "经现场办公会议研究，明确了补充材料清单，企业已补齐并取得许可。",
        ],
        Category::Industry => &[
            "已协调供电公司完成增容改造，新线路已投运。",
            "已上门讲解办理流程，企业已完成登记。",
            "已组织专场招聘会并对接劳务公司，企业已招到所需工人。",
        ],
        Category::Commerce => &[
            "已对接县电商服务中心，免费提供直播场地和运营培训。",
            "经核实为材料格式问题，已指导企业重新提交并办结。",
            "已组织出口业务培训，并安排专人全程指导备案。",
        ],
        Category::Construction => &[
            "已组织消防验收复查，企业按整改意见完成整改，验收通过。",
            "已召开协调会，建设单位制定了分期支付计划，首笔款项已到位。",
            "已安排专人指导资质申报，材料已通过审核。",
        ],
        Category::Tourism => &[
            "已协调设置两处临时停车场，新增车位约300个，并安排交通疏导。",
            "已编印民宿办证一次性告知单，并陪同企业完成办理。",
            "已协调交通部门增设旅游标识牌，已安装到位。",
        ],
        Category::Technology => &[
            "已邀请专业机构上门辅导，企业研发费用归集已规范，按时提交认定申请。",
            "已协助企业向知识产权部门申请优先审查，已获受理。",
            "已对接县人才政策，帮助企业引进两名技术人员。",
        ],
        Category::Transport => &[
            "已安排养护队伍完成路面修补和排水疏通，货车通行恢复正常。",
            "已协调调整通行方案，在夜间时段允许货车通行。",
            "已协调供电部门安装路灯，已亮灯。",
        ],
        Category::Culture => &[
            "已指导企业办理非遗图案使用授权，并完成版权登记。",
            "已开通加急办理，演出许可证已核发。",
            "已明确牵头部门并实行一窗受理，广告牌审批已办结。",
        ],
        Category::Finance => &[
            "已组织银企对接，县农商银行已发放流动资金贷款300万元。",
            "已协调银行办理无还本续贷，企业贷款已顺利转期。",
            "已核实补贴发放环节，资金已拨付到企业账户。",
        ],
    }
}

const PROGRESS_NOTES: [&str; 8] = [
    "已与企业负责人电话沟通，了解具体情况。",
    "已安排科室负责人到企业现场查看。",
    "已召开部门协调会，明确了办理思路和分工。",
    "已向上级主管部门请示，正在等待答复。",
    "已收到企业补充的材料，正在审核。",
    "相关手续已进入审批流程，预计本周内有结果。",
    "已与相关单位对接，对方承诺尽快办理。",
    "现场踏勘已完成，正在制定解决方案。",
];

const INFO_REQUESTS: [&str; 4] = [
    "请补充企业联系人和具体诉求涉及的金额、时间节点。",
    "请说明此前是否已向相关部门反映过，对方如何答复。",
    "请补充现场照片或相关文件，便于判断交办部门。",
    "请说明问题涉及的具体地点和影响范围。",
];

const INFO_SUPPLIES: [&str; 4] = [
    "已补充：企业联系人电话已更新，资金缺口和时间节点见附件说明。",
    "已补充：此前曾向镇上反映，镇上建议向县级部门反映。",
    "已补充现场照片三张。",
    "已补充：影响企业正常生产，涉及员工约80人。",
];

const RETURN_REASONS: [&str; 3] = [
    "经研究，该事项不属于我单位职责范围，建议交由行业主管部门办理。",
    "该问题涉及土地和规划，建议改派自然资源部门牵头。",
    "该事项主要涉及资金和贷款，建议改派金融服务部门。",
];

const CONFIRM_NOTES: [&str; 4] = [
    "企业对办理结果表示满意。",
    "企业负责人表示问题已解决，感谢部门支持。",
    "问题基本解决，企业希望后续继续跟进。",
    "已回访企业，企业认可办理结果。",
];

const UNSATISFIED_REASONS: [&str; 3] = [
    "企业反映问题只解决了一部分，仍有后续手续未办结。",
    "企业表示答复与实际情况不符，希望部门再到现场核实。",
    "办理时间过长，企业已错过生产旺季，希望进一步协调。",
];

const SUPERVISION_NOTES: [&str; 3] = [
    "该事项已超期，请责任部门主要负责同志亲自过问，三个工作日内报告进展。",
    "请加快办理，确保本周内给企业明确答复。",
    "列入督办事项，请每周报送办理进度。",
];

const MILESTONES: [&str; 5] = [
    "完成现场踏勘",
    "召开协调会明确方案",
    "完成材料审核",
    "上报审批",
    "办结并回访企业",
];

const VISIT_NOTES: [&str; 5] = [
    "走访企业，了解生产经营情况，企业运行平稳。",
    "与企业负责人座谈，宣讲惠企政策。",
    "查看项目建设进度，现场协调施工问题。",
    "走访了解企业用工和订单情况。",
    "回访前期反映问题的办理情况。",
];

// ---------------------------------------------------------------------------------------------
// Building the county.

struct DemoPerson {
    id: i64,
    actor: Actor,
}

struct DemoDepartment {
    id: i64,
    officers: Vec<i64>,
}

struct DemoEnterprise {
    id: i64,
    cadre: usize,
    is_project: bool,
}

/// One step of a case's life, at its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    RequestInfo,
    SupplyInfo,
    /// To the department that handles the category, or (`misroute`) to another one.
    Dispatch {
        misroute: bool,
    },
    Accept,
    Return,
    Milestone,
    Progress,
    Resolve,
    Confirm(Satisfaction),
    Supervise,
}

struct CasePlan {
    enterprise: usize,
    category: Category,
    difficulty: Difficulty,
    reported_at: DateTime<Utc>,
    steps: Vec<(Step, DateTime<Utc>)>,
}

struct County<'a> {
    settings: &'a Settings,
    calendar: &'a WorkCalendar,
    tz: Tz,
    now: DateTime<Utc>,
    rng: StdRng,
    people: HashMap<String, DemoPerson>,
    departments: HashMap<&'static str, DemoDepartment>,
    enterprises: Vec<DemoEnterprise>,
    /// Surname and given-name pairs in a fixed shuffled order.
    names: Vec<(usize, usize)>,
}

fn pick<'x, T>(rng: &mut StdRng, items: &'x [T]) -> &'x T {
    // The lists above are never empty.
    items.choose(rng).unwrap_or(&items[0])
}

fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for (item, w) in items {
        if roll < *w {
            return *item;
        }
        roll -= w;
    }
    items[0].0
}

impl<'a> County<'a> {
    fn new(settings: &'a Settings, calendar: &'a WorkCalendar, now: DateTime<Utc>) -> County<'a> {
        let mut rng = StdRng::seed_from_u64(RNG_SEED);
        let mut names: Vec<(usize, usize)> = (0..SURNAMES.len())
            .flat_map(|s| (0..GIVEN_NAMES.len()).map(move |g| (s, g)))
            .collect();
        names.shuffle(&mut rng);
        County {
            settings,
            calendar,
            tz: settings.timezone,
            now,
            rng,
            people: HashMap::new(),
            departments: HashMap::new(),
            enterprises: Vec::new(),
            names,
        }
    }

    fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.tz).date_naive()
    }

    /// Moves an instant forward into office hours (08:00–18:00 local).
    fn office_hours(&mut self, t: DateTime<Utc>) -> DateTime<Utc> {
        let local = t.with_timezone(&self.tz);
        let day = local.date_naive();
        let at = |d: NaiveDate, h: u32, m: u32| {
            let time = NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
            self.tz
                .from_local_datetime(&d.and_time(time))
                .single()
                .map(|x| x.with_timezone(&Utc))
        };
        let minutes = self.rng.random_range(0..90);
        let moved = if local.hour() < 8 {
            at(day, 8, 0).map(|x| x + Duration::minutes(minutes))
        } else if local.hour() >= 18 {
            day.succ_opt()
                .and_then(|d| at(d, 8, 30))
                .map(|x| x + Duration::minutes(minutes))
        } else {
            None
        };
        moved.unwrap_or(t)
    }

    /// The `index`th invented name; distinct for the first 960.
    fn name(&self, index: usize) -> String {
        let (s, g) = self.names[index % self.names.len()];
        format!("{}{}", SURNAMES[s], GIVEN_NAMES[g])
    }

    async fn build(&mut self, conn: &mut PgConnection) -> anyhow::Result<()> {
        let roster_at = self.now - Duration::days(HISTORY_DAYS + 60);
        self.roster(conn, roster_at).await?;
        self.visits(conn).await?;
        self.cases(conn).await?;
        Ok(())
    }

    async fn add_person(
        &mut self,
        conn: &mut PgConnection,
        code: String,
        roles: &[Role],
        department: Option<(i64, Option<i64>)>,
        at: DateTime<Utc>,
    ) -> anyhow::Result<i64> {
        let index = self.people.len();
        let roles = Roles::new(roles.iter().copied());
        let record = PersonRecord {
            code: code.clone(),
            name: self.name(index),
            phone: Some(format!("1390000{:04}", index + 1)),
            roles: roles.codes(),
            department_id: department.map(|d| d.0),
            section_id: department.and_then(|d| d.1),
            locale: "zh-CN".to_string(),
        };
        let id = roster::insert_person(conn, &record, true, at).await?;
        self.people.insert(
            code,
            DemoPerson {
                id,
                actor: Actor {
                    person_id: id,
                    roles,
                    department_id: department.map(|d| d.0),
                },
            },
        );
        Ok(id)
    }

    fn person(&self, code: &str) -> anyhow::Result<&DemoPerson> {
        self.people
            .get(code)
            .with_context(|| format!("demo person {code} missing"))
    }

    async fn roster(&mut self, conn: &mut PgConnection, at: DateTime<Utc>) -> anyhow::Result<()> {
        let mut townships = Vec::new();
        for (code, name) in TOWNSHIPS {
            let record = TownshipRecord {
                code: code.to_string(),
                name: name.to_string(),
            };
            townships.push(roster::insert_township(conn, &record, true, at).await?);
        }
        for spec in &DEPARTMENTS {
            let record = DepartmentRecord {
                code: spec.code.to_string(),
                name: spec.name.to_string(),
                head_id: None,
                default_assignee_id: None,
            };
            let id = roster::insert_department(conn, &record, true, at).await?;
            let mut sections = Vec::new();
            for (code, name) in spec.sections {
                sections.push(roster::upsert_section(conn, id, code, name, at).await?.0);
            }
            for category in spec.categories {
                roster::route_category(conn, category.code(), id).await?;
            }
            let head = self
                .add_person(
                    conn,
                    format!("head-{}", spec.code),
                    &[Role::Officer],
                    Some((id, None)),
                    at,
                )
                .await?;
            let first = self
                .add_person(
                    conn,
                    format!("off-{}", spec.code),
                    &[Role::Officer],
                    Some((id, Some(sections[0]))),
                    at,
                )
                .await?;
            let second = self
                .add_person(
                    conn,
                    format!("off-{}-2", spec.code),
                    &[Role::Officer],
                    Some((id, Some(sections[1]))),
                    at,
                )
                .await?;
            roster::set_department_head(conn, id, head, at).await?;
            roster::set_department_default_assignee(conn, id, first, at).await?;
            self.departments.insert(
                spec.code,
                DemoDepartment {
                    id,
                    officers: vec![first, second],
                },
            );
        }
        for i in 1..=CADRES {
            self.add_person(conn, format!("cadre{i:02}"), &[Role::Cadre], None, at)
                .await?;
        }
        for i in 1..=3 {
            self.add_person(conn, format!("leader{i}"), &[Role::Leader], None, at)
                .await?;
        }
        self.add_person(conn, DISPATCHER.to_string(), &[Role::Dispatcher], None, at)
            .await?;
        self.add_person(conn, ADMIN.to_string(), &[Role::Admin], None, at)
            .await?;

        let mut names: Vec<(String, &str, bool)> = Vec::new();
        let mut pairs: Vec<(usize, usize)> = (0..BRANDS.len())
            .flat_map(|b| (0..LINES.len()).map(move |l| (b, l)))
            .collect();
        pairs.shuffle(&mut self.rng);
        for (b, l) in pairs.into_iter().take(ENTERPRISES) {
            names.push((
                format!("{}{}有限公司（演示）", BRANDS[b], LINES[l].0),
                LINES[l].1,
                false,
            ));
        }
        let mut projects: Vec<(usize, usize)> = (0..TOWNSHIPS.len())
            .flat_map(|t| (0..PROJECT_KINDS.len()).map(move |k| (t, k)))
            .collect();
        projects.shuffle(&mut self.rng);
        let mut project_townships = Vec::new();
        for (t, k) in projects.into_iter().take(PROJECTS) {
            names.push((
                format!("{}{}（演示）", TOWNSHIPS[t].1, PROJECT_KINDS[k].0),
                PROJECT_KINDS[k].1,
                true,
            ));
            project_townships.push(t);
        }
        let mut project_index = 0;
        for (i, (name, industry, is_project)) in names.into_iter().enumerate() {
            let township = if is_project {
                project_index += 1;
                project_townships[project_index - 1]
            } else {
                self.rng.random_range(0..TOWNSHIPS.len())
            };
            let cadre = i % CADRES + 1;
            let cadre_id = self.person(&format!("cadre{cadre:02}"))?.id;
            let contact = self.name(i + 200);
            let record = EnterpriseRecord {
                code: format!("e{:03}", i + 1),
                name,
                kind: if is_project { "project" } else { "enterprise" }.to_string(),
                township_id: townships[township],
                industry: Some(industry.to_string()),
                cadre_id: Some(cadre_id),
                contact_name: Some(contact),
                contact_phone: Some(format!("1370000{:04}", i + 1)),
            };
            let id = roster::insert_enterprise(conn, &record, true, at).await?;
            self.enterprises.push(DemoEnterprise {
                id,
                cadre,
                is_project,
            });
        }
        Ok(())
    }

    async fn visits(&mut self, conn: &mut PgConnection) -> anyhow::Result<()> {
        let today = self.local_date(self.now);
        for i in 0..self.enterprises.len() {
            let (id, cadre) = (self.enterprises[i].id, self.enterprises[i].cadre);
            let cadre_id = self.person(&format!("cadre{cadre:02}"))?.id;
            let visits = self.rng.random_range(0..=4);
            for _ in 0..visits {
                let back = self.rng.random_range(0..HISTORY_DAYS) as u64;
                let Some(day) = today.checked_sub_days(chrono::Days::new(back)) else {
                    continue;
                };
                let no_problems = self.rng.random_bool(0.4);
                let note = *pick(&mut self.rng, &VISIT_NOTES);
                let at = self
                    .tz
                    .from_local_datetime(
                        &day.and_time(NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default()),
                    )
                    .single()
                    .map_or(self.now, |x| x.with_timezone(&Utc))
                    .min(self.now);
                let visit = NewVisit {
                    enterprise_id: id,
                    cadre_id,
                    visited_on: day,
                    note: Some(note.to_string()),
                    no_problems,
                };
                let visit_id = visits::record(conn, &visit, at).await?;
                roster::mark_visit_demo(conn, visit_id).await?;
            }
        }
        Ok(())
    }

    fn plan(&mut self, index: usize) -> CasePlan {
        use CaseStatus::*;
        let enterprise = self.rng.random_range(0..self.enterprises.len());
        let category = if self.enterprises[enterprise].is_project {
            weighted(
                &mut self.rng,
                &[
                    (Category::KeyProject, 5),
                    (Category::Construction, 2),
                    (Category::Transport, 1),
                    (Category::Finance, 1),
                ],
            )
        } else {
            weighted(
                &mut self.rng,
                &[
                    (Category::KeyProject, 4),
                    (Category::Industry, 18),
                    (Category::Commerce, 12),
                    (Category::Construction, 8),
                    (Category::Tourism, 8),
                    (Category::Technology, 8),
                    (Category::Transport, 10),
                    (Category::Culture, 5),
                    (Category::Finance, 17),
                ],
            )
        };
        let difficulty = weighted(
            &mut self.rng,
            &[
                (Difficulty::Simple, 30),
                (Difficulty::Moderate, 40),
                (Difficulty::Hard, 20),
                (Difficulty::Major, 10),
            ],
        );
        // The first cases cover every status, recently; the rest spread over the history.
        let (age_hours, target) = if index < CaseStatus::ALL.len() {
            (self.rng.random_range(30..72), CaseStatus::ALL[index])
        } else {
            let age = self.rng.random_range(2..HISTORY_DAYS * 24);
            let target = if age < 72 {
                weighted(
                    &mut self.rng,
                    &[
                        (Reported, 35),
                        (InfoRequested, 10),
                        (Dispatched, 30),
                        (Accepted, 15),
                        (Returned, 10),
                    ],
                )
            } else if age < 24 * 14 {
                weighted(
                    &mut self.rng,
                    &[
                        (Reported, 3),
                        (InfoRequested, 4),
                        (Dispatched, 8),
                        (Accepted, 12),
                        (InProgress, 30),
                        (Resolved, 15),
                        (Closed, 20),
                        (Returned, 8),
                    ],
                )
            } else {
                weighted(
                    &mut self.rng,
                    &[
                        (Dispatched, 1),
                        (Accepted, 2),
                        (InProgress, 12),
                        (Resolved, 3),
                        (Closed, 80),
                        (Returned, 1),
                    ],
                )
            };
            (age, target)
        };
        let steps = self.steps(target, difficulty);
        // Lay the steps out in time from the report on, in office hours.
        let mut at = self.office_hours(self.now - Duration::hours(age_hours));
        let reported_at = at;
        let mut timed = Vec::new();
        for step in steps {
            let hours = match step {
                Step::RequestInfo => self.rng.random_range(1..20),
                Step::SupplyInfo => self.rng.random_range(2..40),
                Step::Dispatch { .. } => self.rng.random_range(1..24),
                Step::Accept => self.rng.random_range(1..20),
                Step::Return => self.rng.random_range(2..30),
                Step::Milestone => self.rng.random_range(1..8),
                Step::Progress => self.rng.random_range(20..110),
                Step::Resolve => self.rng.random_range(20..100),
                Step::Confirm(_) => self.rng.random_range(4..60),
                Step::Supervise => self.rng.random_range(24..120),
            };
            at = self.office_hours(at + Duration::hours(hours));
            timed.push((step, at));
        }
        // A life too long for the time since the report starts earlier, by whole days.
        let latest = self.now - Duration::minutes(10);
        if let Some((_, last)) = timed.last()
            && *last > latest
        {
            let days = (*last - latest).num_hours() / 24 + 1;
            let shift = Duration::days(days);
            for (_, t) in &mut timed {
                *t -= shift;
            }
            return CasePlan {
                enterprise,
                category,
                difficulty,
                reported_at: reported_at - shift,
                steps: timed,
            };
        }
        CasePlan {
            enterprise,
            category,
            difficulty,
            reported_at,
            steps: timed,
        }
    }

    /// The steps that take a new case to `target`.
    fn steps(&mut self, target: CaseStatus, difficulty: Difficulty) -> Vec<Step> {
        use CaseStatus::*;
        let mut steps = Vec::new();
        if target == InfoRequested {
            steps.push(Step::RequestInfo);
            return steps;
        }
        if self.rng.random_bool(0.12) {
            steps.extend([Step::RequestInfo, Step::SupplyInfo]);
        }
        if target == Reported {
            return steps;
        }
        if target == Returned || self.rng.random_bool(0.08) {
            steps.push(Step::Dispatch { misroute: true });
            if self.rng.random_bool(0.5) {
                steps.push(Step::Accept);
            }
            steps.push(Step::Return);
            if target == Returned {
                return steps;
            }
        }
        steps.push(Step::Dispatch { misroute: false });
        if target == Dispatched {
            return steps;
        }
        steps.push(Step::Accept);
        if matches!(difficulty, Difficulty::Hard | Difficulty::Major) {
            for _ in 0..self.rng.random_range(1..=3) {
                steps.push(Step::Milestone);
            }
        }
        if target == Accepted {
            return steps;
        }
        for _ in 0..self.rng.random_range(1..=3) {
            steps.push(Step::Progress);
        }
        if target == InProgress {
            if self.rng.random_bool(0.3) {
                steps.push(Step::Supervise);
            }
            return steps;
        }
        steps.push(Step::Resolve);
        if target == Resolved {
            return steps;
        }
        if self.rng.random_bool(0.1) {
            steps.extend([
                Step::Confirm(Satisfaction::Unsatisfied),
                Step::Progress,
                Step::Resolve,
            ]);
        }
        let satisfaction = if self.rng.random_bool(0.8) {
            Satisfaction::Satisfied
        } else {
            Satisfaction::BasicallySatisfied
        };
        steps.push(Step::Confirm(satisfaction));
        steps
    }

    fn route(&self, category: Category) -> &'static str {
        DEPARTMENTS
            .iter()
            .find(|d| d.categories.contains(&category))
            .map_or("fgj", |d| d.code)
    }

    async fn cases(&mut self, conn: &mut PgConnection) -> anyhow::Result<()> {
        let mut plans: Vec<CasePlan> = (0..CASES).map(|i| self.plan(i)).collect();
        plans.sort_by_key(|p| p.reported_at);
        let prefix = self.settings.case_prefix.clone();
        let dispatcher = self.person(DISPATCHER)?.actor.clone();
        let mut ids = Vec::new();
        for plan in plans {
            let enterprise = &self.enterprises[plan.enterprise];
            let enterprise_id = enterprise.id;
            let cadre = self
                .person(&format!("cadre{:02}", enterprise.cadre))?
                .actor
                .clone();
            let description = pick(&mut self.rng, descriptions(plan.category)).to_string();
            let new = NewCase {
                enterprise_id,
                category: plan.category,
                difficulty: plan.difficulty,
                description,
            };
            let year = plan.reported_at.with_timezone(&self.tz).year();
            let case = cases::report(conn, &prefix, &cadre, &new, plan.reported_at, year)
                .await
                .context("reporting a demo case")?;
            ids.push(case.id);
            let mut officer: Option<Actor> = None;
            let mut deadline: Option<NaiveDate> = None;
            for (step, at) in plan.steps {
                let (actor, action) = match step {
                    Step::RequestInfo => (
                        dispatcher.clone(),
                        Action::RequestInfo {
                            note: pick(&mut self.rng, &INFO_REQUESTS).to_string(),
                        },
                    ),
                    Step::SupplyInfo => (
                        cadre.clone(),
                        Action::SupplyInfo {
                            note: pick(&mut self.rng, &INFO_SUPPLIES).to_string(),
                        },
                    ),
                    Step::Dispatch { misroute } => {
                        let right = self.route(plan.category);
                        let code = if misroute {
                            let others: Vec<&'static str> = DEPARTMENTS
                                .iter()
                                .map(|d| d.code)
                                .filter(|c| *c != right)
                                .collect();
                            *pick(&mut self.rng, &others)
                        } else {
                            right
                        };
                        let department = self
                            .departments
                            .get(code)
                            .with_context(|| format!("demo department {code} missing"))?;
                        let department_id = department.id;
                        let assignee = *pick(&mut self.rng, &department.officers);
                        let days = self.settings.limits.days_for(plan.difficulty);
                        let due = self.calendar.add_working_days(self.local_date(at), days);
                        deadline = Some(due);
                        officer = self
                            .people
                            .values()
                            .find(|p| p.id == assignee)
                            .map(|p| p.actor.clone());
                        (
                            dispatcher.clone(),
                            Action::Dispatch {
                                department_id,
                                assignee_id: Some(assignee),
                                deadline: due,
                            },
                        )
                    }
                    Step::Accept => (
                        officer.clone().context("accept before dispatch")?,
                        Action::Accept,
                    ),
                    Step::Return => (
                        officer.clone().context("return before dispatch")?,
                        Action::Return {
                            reason: pick(&mut self.rng, &RETURN_REASONS).to_string(),
                        },
                    ),
                    Step::Milestone => {
                        let today = self.local_date(at);
                        let until = deadline.unwrap_or(today);
                        let span = (until - today).num_days().max(1);
                        let due = today + Duration::days(self.rng.random_range(1..=span));
                        (
                            officer.clone().context("milestone before dispatch")?,
                            Action::AddMilestone {
                                title: pick(&mut self.rng, &MILESTONES).to_string(),
                                due_on: due,
                            },
                        )
                    }
                    Step::Progress => (
                        officer.clone().context("progress before dispatch")?,
                        Action::Progress {
                            note: pick(&mut self.rng, &PROGRESS_NOTES).to_string(),
                        },
                    ),
                    Step::Resolve => (
                        officer.clone().context("resolve before dispatch")?,
                        Action::Resolve {
                            answer: pick(&mut self.rng, answers(plan.category)).to_string(),
                        },
                    ),
                    Step::Confirm(satisfaction) => {
                        let note = match satisfaction {
                            Satisfaction::Unsatisfied => pick(&mut self.rng, &UNSATISFIED_REASONS),
                            _ => pick(&mut self.rng, &CONFIRM_NOTES),
                        };
                        (
                            cadre.clone(),
                            Action::Confirm {
                                satisfaction,
                                note: Some(note.to_string()),
                            },
                        )
                    }
                    Step::Supervise => {
                        let leader = format!("leader{}", self.rng.random_range(1..=3));
                        (
                            self.person(&leader)?.actor.clone(),
                            Action::Supervise {
                                note: Some(pick(&mut self.rng, &SUPERVISION_NOTES).to_string()),
                            },
                        )
                    }
                };
                cases::act(conn, case.id, &actor, &action, at)
                    .await
                    .with_context(|| format!("demo case {}: {step:?}", case.number))?;
            }
        }
        roster::mark_cases_demo(conn, &ids).await?;
        Ok(())
    }
}
