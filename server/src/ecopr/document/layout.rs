//! Fonts, measuring text with their own metrics, and greedy line breaking.
//!
//! Each character is mapped to one glyph through the font's `cmap`, with its
//! advance from `hmtx` (read with skrifa), and those very glyphs are what gets
//! drawn, so a measured width is exactly the drawn width. No shaping (kerning,
//! ligatures) is applied: Latin text with precomposed accents doesn't need it,
//! and one glyph per character keeps text extraction exact.

use std::sync::LazyLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::DocumentError;

/// Noto Sans (SIL OFL 1.1, see fonts/): every Latin accent, legally embeddable.
const REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/NotoSans-Regular.ttf"
));
const BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fonts/NotoSans-Bold.ttf"
));
static FACES: LazyLock<[Face; 2]> = LazyLock::new(|| [Face::new(REGULAR), Face::new(BOLD)]);

/// How a block of text looks. Greys stay dark enough for WCAG AAA contrast.
#[derive(Clone, Copy)]
pub(super) struct Style {
    bold: bool,
    pub(super) size: f32,
    /// Distance between baselines.
    pub(super) leading: f32,
    pub(super) gray: u8,
}

impl Style {
    pub(super) const fn regular(size: f32, gray: u8) -> Self {
        Self {
            bold: false,
            size,
            leading: size * 1.3,
            gray,
        }
    }

    pub(super) const fn bold(size: f32) -> Self {
        Self {
            bold: true,
            size,
            leading: size * 1.3,
            gray: 0,
        }
    }

    pub(super) fn face(self) -> &'static Face {
        &FACES[usize::from(self.bold)]
    }

    /// The baseline of line `index` of a block whose top is at `top`.
    pub(super) fn baseline(self, top: f32, index: usize) -> f32 {
        top + self.size + index as f32 * self.leading
    }
}

/// Text wrapped to a width, ready to place.
pub(super) struct Block {
    pub(super) style: Style,
    pub(super) lines: Vec<Vec<Piece>>,
}

impl Block {
    pub(super) fn new(style: Style, width: f32, runs: &[Run]) -> Result<Self, DocumentError> {
        let lines = wrap(style.face(), style.size, width, runs)?;
        Ok(Self { style, lines })
    }

    pub(super) fn height(&self) -> f32 {
        self.lines.len() as f32 * self.style.leading
    }
}

/// One font, as krilla embeds and draws it and as skrifa measures it.
pub(super) struct Face {
    pub(super) font: Font,
    metrics: FontRef<'static>,
    units_per_em: f32,
}

impl Face {
    /// `data` is a font bundled with the crate, so failing to read it is a
    /// build defect, not a runtime condition.
    fn new(data: &'static [u8]) -> Self {
        let metrics = FontRef::new(data).expect("bundled font is a valid font file");
        let units_per_em = metrics
            .metrics(Size::unscaled(), LocationRef::default())
            .units_per_em
            .into();
        let font = Font::new(data.into(), 0).expect("krilla reads the bundled font");
        Self {
            font,
            metrics,
            units_per_em,
        }
    }

    /// The glyphs of `text`, one per character, with advances in em units as
    /// krilla expects. Fails on a character the font can't draw (rather than
    /// printing a blank box) and on control characters.
    pub(super) fn glyphs(&self, text: &str) -> Result<Vec<KrillaGlyph>, DocumentError> {
        let charmap = self.metrics.charmap();
        let advances = self
            .metrics
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        text.char_indices()
            .map(|(start, c)| {
                let id = charmap
                    .map(c)
                    .filter(|_| !c.is_control())
                    .ok_or(DocumentError::UnsupportedCharacter(c))?;
                let advance = advances.advance_width(id).unwrap_or(0.0) / self.units_per_em;
                let range = start..start + c.len_utf8();
                Ok(KrillaGlyph::new(
                    GlyphId::new(id.to_u32()),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    range,
                    None,
                ))
            })
            .collect()
    }

    /// The width of `text` in points at `size`.
    fn width(&self, text: &str, size: f32) -> Result<f32, DocumentError> {
        Ok(self.glyphs(text)?.iter().map(|g| g.x_advance).sum::<f32>() * size)
    }
}

/// Text in one language (`None`: the document's language). Runs are joined by
/// a space, or start a new line when `new_line` is set.
#[derive(Clone, Copy)]
pub(super) struct Run<'a> {
    pub(super) text: &'a str,
    pub(super) lang: Option<&'static str>,
    pub(super) new_line: bool,
}

impl<'a> Run<'a> {
    pub(super) const fn new(text: &'a str, lang: Option<&'static str>) -> Self {
        Self {
            text,
            lang,
            new_line: false,
        }
    }

    /// The same run, starting on a new line.
    pub(super) const fn on_new_line(self) -> Self {
        Self {
            new_line: true,
            ..self
        }
    }
}

/// Consecutive same-language text on one line, `x` points from the line start.
/// Spaces between words are kept as real characters so that extracted text and
/// screen readers get word boundaries.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Piece {
    pub(super) text: String,
    pub(super) lang: Option<&'static str>,
    pub(super) x: f32,
    pub(super) width: f32,
}

/// How a token attaches to the one before it.
#[derive(Clone, Copy, PartialEq)]
enum Join {
    Space,
    /// Part of the same word, split after a hyphen: no space in between.
    Glued,
    NewLine,
}

struct Token<'a> {
    text: &'a str,
    lang: Option<&'static str>,
    join: Join,
    width: f32,
}

/// Greedy word wrap of `runs` into lines no wider than `max_width`. Spaces
/// (any run of whitespace) are the break points; a word wider than a whole
/// line is broken after its hyphens or slashes, and a piece still too wide
/// wherever the line is full, so nothing is ever cut off.
fn wrap(
    face: &Face,
    size: f32,
    max_width: f32,
    runs: &[Run],
) -> Result<Vec<Vec<Piece>>, DocumentError> {
    let space = face.width(" ", size)?;
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut x = 0.0;
    for token in tokens(face, size, max_width, runs)? {
        let gap = if token.join == Join::Space {
            space
        } else {
            0.0
        };
        let fresh =
            lines.is_empty() || token.join == Join::NewLine || x + gap + token.width > max_width;
        if fresh {
            lines.push(Vec::new());
            x = 0.0;
        }
        let line = lines
            .last_mut()
            .expect("a line exists once a token is placed");
        if let Some(last) = line.last_mut().filter(|_| gap > 0.0) {
            last.text.push(' ');
            last.width += space;
            x += space;
        }
        match line.last_mut() {
            Some(last) if last.lang == token.lang => {
                last.text.push_str(token.text);
                last.width += token.width;
            }
            _ => line.push(Piece {
                text: token.text.to_owned(),
                lang: token.lang,
                x,
                width: token.width,
            }),
        }
        x += token.width;
    }
    Ok(lines)
}

fn tokens<'a>(
    face: &Face,
    size: f32,
    max_width: f32,
    runs: &[Run<'a>],
) -> Result<Vec<Token<'a>>, DocumentError> {
    let mut tokens = Vec::new();
    for run in runs {
        for (index, word) in run.text.split_whitespace().enumerate() {
            let join = if index == 0 && run.new_line {
                Join::NewLine
            } else {
                Join::Space
            };
            for (part_index, part) in split_word(face, size, max_width, word)?
                .into_iter()
                .enumerate()
            {
                tokens.push(Token {
                    text: part,
                    lang: run.lang,
                    join: if part_index == 0 { join } else { Join::Glued },
                    width: face.width(part, size)?,
                });
            }
        }
    }
    Ok(tokens)
}

/// `word` whole if it fits on a line; otherwise its parts, split after each
/// hyphen or slash, and parts still too wide split where the line is full.
fn split_word<'a>(
    face: &Face,
    size: f32,
    max_width: f32,
    word: &'a str,
) -> Result<Vec<&'a str>, DocumentError> {
    if face.width(word, size)? <= max_width {
        return Ok(vec![word]);
    }
    let mut parts = Vec::new();
    for part in word.split_inclusive(['-', '/']) {
        let mut rest = part;
        while face.width(rest, size)? > max_width {
            let mut used = 0.0;
            let end = face
                .glyphs(rest)?
                .iter()
                .find(|glyph| {
                    used += glyph.x_advance * size;
                    used > max_width
                })
                .map_or(rest.len(), |glyph| glyph.text_range.start)
                // At least one character per line, however narrow the column.
                .max(rest.chars().next().map_or(0, char::len_utf8));
            let (head, tail) = rest.split_at(end);
            parts.push(head);
            rest = tail;
        }
        parts.push(rest);
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Vec<Piece>]) -> Vec<String> {
        let line = |pieces: &Vec<Piece>| pieces.iter().map(|p| p.text.as_str()).collect();
        lines.iter().map(line).collect()
    }

    #[test]
    fn wraps_at_spaces_within_width() {
        let face = Face::new(REGULAR);
        let text = "Maria-Fernanda de los Ángeles Rodríguez-Ñúñez Oyelaran-Kowalczyk";
        let lines = wrap(&face, 16.0, 200.0, &[Run::new(text, None)]).unwrap();
        assert!(lines.len() > 1);
        for line in &lines {
            let width: f32 = line.iter().map(|p| p.width).sum();
            assert!(width <= 200.0, "{line:?}");
        }
        assert_eq!(texts(&lines).join(" "), text);
    }

    #[test]
    fn breaks_long_words_after_hyphens_then_anywhere() {
        let face = Face::new(REGULAR);
        let name = [Run::new("Oyelaran-Kowalczyk", None)];
        assert_eq!(
            texts(&wrap(&face, 12.0, 60.0, &name).unwrap()),
            ["Oyelaran-", "Kowalczyk"]
        );
        let lines = wrap(&face, 12.0, 30.0, &[Run::new("ABCDEFGH", None)]).unwrap();
        assert!(lines.len() > 1);
        assert_eq!(texts(&lines).concat(), "ABCDEFGH");
    }

    #[test]
    fn keeps_languages_apart_and_honours_new_line() {
        let face = Face::new(REGULAR);
        let (en, fr) = (Run::new("Name /", None), Run::new("Nom", Some("fr-CA")));
        let lines = wrap(&face, 10.0, 500.0, &[en, fr]).unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0][0].text, "Name / ");
        assert_eq!(
            (lines[0][1].text.as_str(), lines[0][1].lang),
            ("Nom", Some("fr-CA"))
        );
        assert_eq!(lines[0][1].x, lines[0][0].width);
        assert_eq!(
            wrap(&face, 10.0, 500.0, &[en, fr.on_new_line()])
                .unwrap()
                .len(),
            2
        );
        let bell = face.glyphs("a\u{7}");
        assert!(matches!(
            bell,
            Err(DocumentError::UnsupportedCharacter('\u{7}'))
        ));
    }
}
