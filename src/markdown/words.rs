//! Counting the words of a script's rendered text, for the `min_words` gate.
//!
//! A word is a maximal run of letters and digits, in any script. Inside a word, an apostrophe
//! (`'`, `’`) or a hyphen (`-`, `‐`, `‑`) followed by another letter or digit keeps it one
//! word (`don't`, `well-known`), and so does a `,` or `.` between two digits (`20,000`,
//! `3.14`); combining marks (Devanagari vowel signs, a virama, Hebrew points) continue the word
//! they follow. Each CJK ideograph is one word, since Chinese and Japanese do not separate words
//! with spaces. Scripts written without spaces that are not ideographic (Thai, Lao) count each
//! run between spaces or punctuation as one word.
//!
//! [`WordCount`] is fed the text pieces of a document as the parser produces them and breaks a
//! word wherever the walk says the rendered text does (a new block, a line break, inline code,
//! an HTML tag), so a word split across pieces (`**20**,000`) is still one word. It keeps no
//! text: one pass over each character, no allocation.

/// A running word count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordCount {
    words: usize,
    state: State,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum State {
    /// Between words.
    #[default]
    Outside,
    /// Inside a word; `digit` when its last character was a digit.
    Word { digit: bool },
    /// After a joiner inside a word: the word goes on if a letter or digit follows (only a
    /// digit when `digits_only`, after `,` or `.`).
    Joined { digits_only: bool },
}

impl WordCount {
    /// The words counted so far.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Ends the current word: what follows starts a new one.
    pub fn split(&mut self) {
        self.state = State::Outside;
    }

    /// Counts the words of `text`, continuing a word the previous piece left open.
    pub fn feed(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            if byte.is_ascii() {
                // The common case, a byte at a time without decoding or Unicode tables.
                if byte.is_ascii_alphanumeric() {
                    self.letter_or_digit(byte.is_ascii_digit());
                    // The rest of an ASCII word changes nothing but the last character's kind.
                    let run = bytes[at..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                    at += run;
                    self.state = State::Word {
                        digit: bytes[at - 1].is_ascii_digit(),
                    };
                } else {
                    self.other(char::from(byte));
                    at += 1;
                }
            } else if let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) {
                self.step(c);
                at += c.len_utf8();
            } else {
                at += 1;
            }
        }
    }

    /// One character ([`Self::feed`] reads ASCII byte by byte without coming here).
    fn step(&mut self, c: char) {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                self.letter_or_digit(c.is_ascii_digit());
            } else {
                self.other(c);
            }
            return;
        }
        if is_ideograph(c) {
            self.words += 1;
            self.state = State::Outside;
        } else if c.is_alphanumeric() {
            self.letter_or_digit(c.is_numeric());
        } else if matches!(self.state, State::Word { .. }) && is_mark(c) {
            self.state = State::Word { digit: false };
        } else {
            self.other(c);
        }
    }

    fn letter_or_digit(&mut self, digit: bool) {
        match self.state {
            State::Word { .. } => {}
            State::Joined { digits_only } if digit || !digits_only => {}
            State::Outside | State::Joined { .. } => self.words += 1,
        }
        self.state = State::Word { digit };
    }

    fn other(&mut self, c: char) {
        self.state = match (self.state, c) {
            (State::Word { .. }, '\'' | '’' | '-' | '‐' | '‑') => {
                State::Joined { digits_only: false }
            }
            (State::Word { digit: true }, ',' | '.') => State::Joined { digits_only: true },
            _ => State::Outside,
        };
    }
}

/// Where raw HTML being read stands: in text, inside a tag, or inside a comment. Kept between
/// pieces, since an HTML block comes one line at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HtmlScan {
    state: HtmlState,
    /// Consecutive `-` just seen inside a comment.
    dashes: u8,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum HtmlState {
    #[default]
    Text,
    Tag,
    Comment,
}

impl WordCount {
    /// Counts the words of raw HTML: the text between tags counts; tags (names, attributes,
    /// URLs) and comments do not, and a tag ends a word.
    pub fn feed_html(&mut self, html: &str, scan: &mut HtmlScan) {
        let mut chars = html.char_indices();
        while let Some((at, c)) = chars.next() {
            match scan.state {
                HtmlState::Text if c == '<' => {
                    self.split();
                    if html[at..].starts_with("<!--") {
                        scan.state = HtmlState::Comment;
                        scan.dashes = 0;
                        chars.nth(2);
                    } else {
                        scan.state = HtmlState::Tag;
                    }
                }
                HtmlState::Text => self.step(c),
                HtmlState::Tag if c == '>' => scan.state = HtmlState::Text,
                HtmlState::Tag => {}
                HtmlState::Comment => match c {
                    '-' => scan.dashes = scan.dashes.saturating_add(1),
                    '>' if scan.dashes >= 2 => scan.state = HtmlState::Text,
                    _ => scan.dashes = 0,
                },
            }
        }
    }
}

/// The words of one piece of text on its own.
#[cfg(test)]
fn count(text: &str) -> usize {
    let mut count = WordCount::default();
    count.feed(text);
    count.words()
}

/// Whether `c` is a CJK ideograph (the unified ideographs, their extensions and the
/// compatibility ideographs), each of which counts as a word.
fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3134F)
}

/// Whether `c` is a combining mark, which belongs to the letter before it.
fn is_mark(c: char) -> bool {
    use unicode_general_category::{GeneralCategory, get_general_category};
    matches!(
        get_general_category(c),
        GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::EnclosingMark
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(count("The p99 latency was 120 ms."), 6);
        assert_eq!(count("  "), 0);
        assert_eq!(count("— · → ✓ 🚀"), 0);
        assert_eq!(count("snake_case and kebab-case"), 4);
        assert_eq!(count("a/b"), 2);
    }

    #[test]
    fn apostrophes_hyphens_and_digit_separators_join_a_word() {
        assert_eq!(count("don't can’t well-known state‑of‑the‑art"), 4);
        assert_eq!(count("20,000 words, 3.14 and 1,000.5"), 5);
        // A joiner at the end of a word, or before a space, does not join.
        assert_eq!(count("rock 'n' roll - done -- yes"), 5);
        assert_eq!(count("the students' notes"), 3);
        // `,` and `.` join digits only.
        assert_eq!(count("one,two. 3,x"), 4);
        assert_eq!(count("v1.2.3"), 1);
    }

    #[test]
    fn other_scripts_count_their_own_words() {
        assert_eq!(count("Größe und Ähnlichkeit"), 3);
        assert_eq!(count("Привет, мир"), 2);
        // Devanagari: vowel signs and the virama continue the word.
        assert_eq!(count("हिन्दी भाषा"), 2);
        assert_eq!(count("שָׁלוֹם עוֹלָם"), 2);
        assert_eq!(count("مرحبا بالعالم"), 2);
        assert_eq!(count("안녕하세요 세계"), 2);
    }

    #[test]
    fn each_cjk_ideograph_is_a_word() {
        assert_eq!(count("你好世界"), 4);
        assert_eq!(count("延迟是120毫秒"), 6);
        // Kana runs are words; the ideographs beside them count one each.
        assert_eq!(count("東京へようこそ"), 3);
    }

    #[test]
    fn html_counts_its_text_but_not_its_tags_or_comments() {
        let mut words = WordCount::default();
        let mut scan = HtmlScan::default();
        words.feed_html("<details class=\"x y\">\n<summary>Show the", &mut scan);
        words.feed_html(
            " answer</summary>\n<!-- episode-lint: allow x -->",
            &mut scan,
        );
        words.feed_html(
            "<a href=\"https://example.com/long-path\">here</a>",
            &mut scan,
        );
        words.feed_html("<!-- a comment\nover - lines -->after<br>it", &mut scan);
        assert_eq!(words.words(), 6, "Show the answer here after it");
    }

    #[test]
    fn a_word_goes_on_across_pieces_until_split() {
        let mut words = WordCount::default();
        words.feed("20");
        words.feed(",000 and some");
        words.feed("thing");
        assert_eq!(words.words(), 3);
        words.split();
        words.feed("more");
        assert_eq!(words.words(), 4);
    }
}
