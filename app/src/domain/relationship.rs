#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// A person's place on the application, relative to the principal applicant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))"))]
pub enum Relationship {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "principal"))]
    Principal,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "spouse"))]
    Spouse,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "common_law_partner"))]
    CommonLawPartner,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "child"))]
    Child,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "other_dependant"))]
    OtherDependant,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the relationship is principal, spouse, common_law_partner, child or other_dependant")]
pub struct RelationshipError;

impl Relationship {
    pub const ALL: [Self; 5] = [Self::Principal, Self::Spouse, Self::CommonLawPartner, Self::Child, Self::OtherDependant];

    pub fn parse(input: &str) -> Result<Self, RelationshipError> {
        let wanted = input.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::ALL.into_iter().find(|r| r.as_str() == wanted).ok_or(RelationshipError)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Principal => "principal",
            Self::Spouse => "spouse",
            Self::CommonLawPartner => "common_law_partner",
            Self::Child => "child",
            Self::OtherDependant => "other_dependant",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_relationship_reads_back_from_its_name() {
        for r in Relationship::ALL {
            assert_eq!(Relationship::parse(r.as_str()), Ok(r));
        }
        assert_eq!(Relationship::parse("Common-law partner"), Ok(Relationship::CommonLawPartner));
        assert_eq!(Relationship::parse("cousin"), Err(RelationshipError));
    }
}
