//! Officers' search over cases: by application number, UCI, name or email,
//! with case and accents ignored ("nguyen" finds "Nguyễn"). Names are kept
//! folded beside the people (`people.search_name`), so the database compares
//! plain text on SQLite and PostgreSQL alike.
use crate::entities::{case, person};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, LikeExpr, Query};
use unicode_normalization::UnicodeNormalization;

/// The longest search kept; the words after it are dropped.
const MAX_QUERY: usize = 200;

/// Lower case, without accents; letters that do not decompose are spelled out.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).flat_map(char::to_lowercase) {
        match c {
            'đ' | 'ð' => folded.push('d'),
            'ø' => folded.push('o'),
            'ł' => folded.push('l'),
            'ı' => folded.push('i'),
            'ß' => folded.push_str("ss"),
            'æ' => folded.push_str("ae"),
            'œ' => folded.push_str("oe"),
            'þ' => folded.push_str("th"),
            other => folded.push(other),
        }
    }
    folded
}

/// A person's names as the search reads them.
pub fn search_name(family_name: &str, given_names: Option<&str>) -> String {
    fold(&format!("{} {}", given_names.unwrap_or_default(), family_name)).trim().to_owned()
}

/// Cases that match every word of the search somewhere: their application
/// number, or a person's name, email or UCI. `None` for an empty search.
pub fn condition(query: &str) -> Option<Condition> {
    let words: Vec<String> = fold(&query.chars().take(MAX_QUERY).collect::<String>())
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| c == ',' || c == ';').to_owned())
        .filter(|word| !word.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    let each = words.into_iter().fold(Condition::all(), |all, word| {
        let pattern = || LikeExpr::new(format!("%{}%", escape_like(&word))).escape('\\');
        // UCIs are kept as digits; "1111-2222" finds "11112222".
        let digits: String = word.chars().filter(char::is_ascii_digit).collect();
        let mut person_matches = Condition::any()
            .add(Expr::col((person::Entity, person::Column::SearchName)).like(pattern()))
            .add(Func::lower(Func::coalesce([Expr::col((person::Entity, person::Column::Email)), Expr::val("")])).like(pattern()));
        if !digits.is_empty() {
            person_matches = person_matches.add(Expr::col((person::Entity, person::Column::Uci)).like(format!("%{digits}%")));
        }
        let someone = Query::select()
            .expr(Expr::val(1))
            .from(person::Entity)
            .and_where(Expr::col((person::Entity, person::Column::CaseId)).equals((case::Entity, case::Column::Id)))
            .cond_where(person_matches)
            .to_owned();
        all.add(
            Condition::any()
                .add(Func::lower(Expr::col((case::Entity, case::Column::ApplicationNumber))).like(pattern()))
                .add(Expr::exists(someone)),
        )
    });
    Some(each)
}

/// `%` and `_` typed by an officer are letters, not wildcards.
fn escape_like(word: &str) -> String {
    word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_are_folded_away() {
        assert_eq!(fold("Thị Mai NGUYỄN"), "thi mai nguyen");
        assert_eq!(fold("Đặng Łukasz Øster Straße Cœur"), "dang lukasz oster strasse coeur");
        assert_eq!(search_name("Rodríguez-Ñúñez", Some("María")), "maria rodriguez-nunez");
        assert_eq!(search_name("Okafor", None), "okafor");
    }

    #[test]
    fn an_empty_search_is_no_condition_and_wildcards_are_letters() {
        assert!(condition("  , ").is_none());
        assert!(condition("nguyen mai").is_some());
        assert_eq!(escape_like("50%_a\\"), "50\\%\\_a\\\\");
    }
}
