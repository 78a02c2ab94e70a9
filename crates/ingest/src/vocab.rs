//! The classes and relations of the core vocabulary (`ONTOLOGY.md`), as Rust
//! enums so that rules, lexicon rows and the RDF mapping name them one way.

use std::fmt;
use std::str::FromStr;

/// An entity class of the core vocabulary (the local name after `tp:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityClass {
    /// 企业
    Company,
    /// 政府机构
    GovernmentBody,
    /// 院校/机构/联盟
    Institution,
    /// 国家
    Country,
    /// 省
    Province,
    /// 市
    City,
    /// 县区
    County,
    /// 跨行政区区域
    Region,
    /// 园区/基地/新区
    Park,
    /// 数据中心/算力中心
    DataCenter,
    /// 空间布局分区
    Zone,
    /// 人物
    Person,
    /// 规划/政策文件
    Plan,
    /// 国家/区域工程
    Program,
    /// 具体项目
    Project,
}

impl EntityClass {
    /// Every class, in the order of `ONTOLOGY.md`.
    pub const ALL: [EntityClass; 15] = [
        Self::Company,
        Self::GovernmentBody,
        Self::Institution,
        Self::Country,
        Self::Province,
        Self::City,
        Self::County,
        Self::Region,
        Self::Park,
        Self::DataCenter,
        Self::Zone,
        Self::Person,
        Self::Plan,
        Self::Program,
        Self::Project,
    ];

    /// The local name in the `tp:` namespace.
    pub fn local_name(self) -> &'static str {
        match self {
            Self::Company => "Company",
            Self::GovernmentBody => "GovernmentBody",
            Self::Institution => "Institution",
            Self::Country => "Country",
            Self::Province => "Province",
            Self::City => "City",
            Self::County => "County",
            Self::Region => "Region",
            Self::Park => "Park",
            Self::DataCenter => "DataCenter",
            Self::Zone => "Zone",
            Self::Person => "Person",
            Self::Plan => "Plan",
            Self::Program => "Program",
            Self::Project => "Project",
        }
    }

    /// Whether this class is a kind of `tp:Organization`.
    pub fn is_organization(self) -> bool {
        matches!(self, Self::Company | Self::GovernmentBody | Self::Institution)
    }

    /// Whether this class is a kind of `tp:Place` (parks and data centers
    /// included: both are places something can be located in).
    pub fn is_place(self) -> bool {
        matches!(
            self,
            Self::Country | Self::Province | Self::City | Self::County | Self::Region | Self::Park | Self::DataCenter
        )
    }

    /// Whether this class is an administrative division (grounded by adcode).
    pub fn is_administrative(self) -> bool {
        matches!(self, Self::Country | Self::Province | Self::City | Self::County)
    }

    /// Whether `self` is `other` or one of its subclasses; `other` may also
    /// name the abstract superclasses `Organization`, `Place` and `Entity`.
    pub fn is_a(self, other: &str) -> bool {
        match other {
            "Entity" | "Any" => true,
            "Organization" => self.is_organization(),
            "Place" => self.is_place(),
            "Admin" => self.is_administrative(),
            name => self.local_name() == name,
        }
    }
}

impl fmt::Display for EntityClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.local_name())
    }
}

impl FromStr for EntityClass {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|c| c.local_name() == s).ok_or_else(|| format!("unknown entity class `{s}`"))
    }
}

/// A binary relation of the core vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// Organization/Place → Place
    LocatedIn,
    /// member → whole
    PartOf,
    /// Organization → DataCenter/Park/Project
    Operates,
    /// Organization → Organization/Project/Place
    InvestsIn,
    /// Organization → Organization
    SubsidiaryOf,
    /// Plan → Organization/Place
    IssuedBy,
    /// symmetric
    CooperatesWith,
}

impl Relation {
    /// Every relation, in the order of `ONTOLOGY.md`.
    pub const ALL: [Relation; 7] = [
        Self::LocatedIn,
        Self::PartOf,
        Self::Operates,
        Self::InvestsIn,
        Self::SubsidiaryOf,
        Self::IssuedBy,
        Self::CooperatesWith,
    ];

    /// The local name in the `tp:` namespace.
    pub fn local_name(self) -> &'static str {
        match self {
            Self::LocatedIn => "locatedIn",
            Self::PartOf => "partOf",
            Self::Operates => "operates",
            Self::InvestsIn => "investsIn",
            Self::SubsidiaryOf => "subsidiaryOf",
            Self::IssuedBy => "issuedBy",
            Self::CooperatesWith => "cooperatesWith",
        }
    }

    /// The Chinese label used in diagrams.
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::LocatedIn => "位于",
            Self::PartOf => "属于",
            Self::Operates => "运营",
            Self::InvestsIn => "投资",
            Self::SubsidiaryOf => "隶属",
            Self::IssuedBy => "发布方",
            Self::CooperatesWith => "合作",
        }
    }

    /// Whether `a R b` implies `b R a`.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Self::CooperatesWith)
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.local_name())
    }
}

impl FromStr for Relation {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|r| r.local_name() == s).ok_or_else(|| format!("unknown relation `{s}`"))
    }
}
