use serde::{Deserialize, Serialize};

/// Sex as IRCC records it on PR documents: F, M or X (another gender).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    F,
    M,
    X,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("sex is F, M or X")]
pub struct SexError;

impl Sex {
    pub fn parse(input: &str) -> Result<Self, SexError> {
        match input.trim().to_ascii_uppercase().as_str() {
            "F" => Ok(Self::F),
            "M" => Ok(Self::M),
            "X" => Ok(Self::X),
            _ => Err(SexError),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::F => "F",
            Self::M => "M",
            Self::X => "X",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f_m_or_x_in_either_case() {
        assert_eq!(Sex::parse(" f "), Ok(Sex::F));
        assert_eq!(Sex::parse("X"), Ok(Sex::X));
        assert_eq!(Sex::parse("female"), Err(SexError));
    }
}
