//! The nine categories (九大类) and the difficulty grades (难易程度) with their default time limits.

use serde::{Deserialize, Serialize};

/// One of the nine categories a problem is filed under. Codes are stable: they are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    KeyProject,
    Industry,
    Commerce,
    Construction,
    Tourism,
    Technology,
    Transport,
    Culture,
    Finance,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::KeyProject,
        Category::Industry,
        Category::Commerce,
        Category::Construction,
        Category::Tourism,
        Category::Technology,
        Category::Transport,
        Category::Culture,
        Category::Finance,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::KeyProject => "key_project",
            Category::Industry => "industry",
            Category::Commerce => "commerce",
            Category::Construction => "construction",
            Category::Tourism => "tourism",
            Category::Technology => "technology",
            Category::Transport => "transport",
            Category::Culture => "culture",
            Category::Finance => "finance",
        }
    }

    /// Parses a stored code, or the Chinese name people write in a roster file.
    pub fn parse(s: &str) -> Option<Category> {
        let s = s.trim();
        Category::ALL
            .into_iter()
            .find(|c| c.code() == s || c.chinese_name() == s)
    }

    /// The name used in the county's own documents; also accepted in CSV files.
    pub fn chinese_name(self) -> &'static str {
        match self {
            Category::KeyProject => "重点项目",
            Category::Industry => "工业",
            Category::Commerce => "商贸",
            Category::Construction => "建筑",
            Category::Tourism => "旅游",
            Category::Technology => "科技",
            Category::Transport => "交通",
            Category::Culture => "文化",
            Category::Finance => "金融",
        }
    }

    /// Words that point to this category in a cadre's description, Chinese and English.
    fn keywords(self) -> &'static [&'static str] {
        match self {
            Category::KeyProject => &[
                "重点项目",
                "项目",
                "立项",
                "用地",
                "土地",
                "征地",
                "拆迁",
                "规划",
                "环评",
                "审批",
                "开工",
                "落地",
                "project",
                "land",
                "planning",
                "permit",
                "approval",
            ],
            Category::Industry => &[
                "工业",
                "工厂",
                "厂房",
                "生产",
                "设备",
                "用电",
                "电力",
                "停电",
                "供水",
                "天然气",
                "原料",
                "产能",
                "用工",
                "招工",
                "factory",
                "production",
                "electricity",
                "power",
                "equipment",
                "plant",
                "workers",
            ],
            Category::Commerce => &[
                "商贸",
                "销售",
                "市场",
                "商场",
                "超市",
                "电商",
                "物流",
                "营业执照",
                "店铺",
                "销路",
                "出口",
                "sales",
                "market",
                "shop",
                "retail",
                "trade",
                "export",
                "license",
                "logistics",
            ],
            Category::Construction => &[
                "建筑",
                "施工",
                "工地",
                "建设",
                "工程款",
                "竣工",
                "验收",
                "消防",
                "资质",
                "房屋",
                "construction",
                "building",
                "site",
                "contractor",
                "fire inspection",
            ],
            Category::Tourism => &[
                "旅游",
                "景区",
                "民宿",
                "游客",
                "酒店",
                "农家乐",
                "tourism",
                "tourist",
                "scenic",
                "hotel",
                "homestay",
            ],
            Category::Technology => &[
                "科技",
                "技术",
                "研发",
                "专利",
                "高新",
                "创新",
                "数字化",
                "人才",
                "软件",
                "technology",
                "research",
                "patent",
                "innovation",
                "software",
                "digital",
            ],
            Category::Transport => &[
                "交通",
                "道路",
                "公路",
                "修路",
                "运输",
                "车辆",
                "货车",
                "停车",
                "路灯",
                "桥",
                "road",
                "transport",
                "traffic",
                "truck",
                "parking",
                "bridge",
                "highway",
            ],
            Category::Culture => &[
                "文化",
                "文创",
                "演出",
                "非遗",
                "广告",
                "出版",
                "影视",
                "体育",
                "culture",
                "cultural",
                "heritage",
                "performance",
                "media",
            ],
            Category::Finance => &[
                "金融",
                "贷款",
                "融资",
                "资金",
                "银行",
                "担保",
                "补贴",
                "税",
                "信贷",
                "还款",
                "资金链",
                "loan",
                "finance",
                "financing",
                "bank",
                "credit",
                "subsidy",
                "tax",
                "funding",
            ],
        }
    }

    /// Proposes a category from the words of a description: the category with the most keyword
    /// hits, earlier categories winning ties. `None` when no keyword matches.
    pub fn propose(text: &str) -> Option<Category> {
        let lower = text.to_lowercase();
        let mut best: Option<(Category, usize)> = None;
        for category in Category::ALL {
            let hits = category
                .keywords()
                .iter()
                .filter(|k| lower.contains(*k))
                .count();
            if hits > 0 && best.is_none_or(|(_, b)| hits > b) {
                best = Some((category, hits));
            }
        }
        best.map(|(c, _)| c)
    }
}

/// 难易程度: how hard a problem is, which sets its default time limit in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Simple,
    Moderate,
    Hard,
    Major,
}

impl Difficulty {
    pub const ALL: [Difficulty; 4] = [
        Difficulty::Simple,
        Difficulty::Moderate,
        Difficulty::Hard,
        Difficulty::Major,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Difficulty::Simple => "simple",
            Difficulty::Moderate => "moderate",
            Difficulty::Hard => "hard",
            Difficulty::Major => "major",
        }
    }

    pub fn parse(s: &str) -> Option<Difficulty> {
        let s = s.trim();
        Difficulty::ALL
            .into_iter()
            .find(|d| d.code() == s || d.chinese_name() == s)
    }

    pub fn chinese_name(self) -> &'static str {
        match self {
            Difficulty::Simple => "简单",
            Difficulty::Moderate => "一般",
            Difficulty::Hard => "较难",
            Difficulty::Major => "重大",
        }
    }

    /// The default time limit in working days; the settings may override it.
    pub fn default_limit_days(self) -> u32 {
        match self {
            Difficulty::Simple => 5,
            Difficulty::Moderate => 10,
            Difficulty::Hard => 20,
            Difficulty::Major => 40,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.code()), Some(c));
            assert_eq!(Category::parse(c.chinese_name()), Some(c));
        }
        for d in Difficulty::ALL {
            assert_eq!(Difficulty::parse(d.code()), Some(d));
            assert_eq!(Difficulty::parse(d.chinese_name()), Some(d));
        }
    }

    #[test]
    fn a_loan_problem_is_proposed_as_finance() {
        assert_eq!(
            Category::propose("企业流动资金紧张，需要银行贷款支持"),
            Some(Category::Finance)
        );
        assert_eq!(
            Category::propose("厂区门前道路破损，货车进出困难"),
            Some(Category::Transport)
        );
        assert_eq!(
            Category::propose("景区旺季游客多，停车位不足"),
            Some(Category::Tourism)
        );
        assert_eq!(Category::propose("你好"), None);
    }
}
