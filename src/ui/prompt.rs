//! The bottom line's questions: typing a search or a filter (and pasting
//! into it), the answer to "remove bookmark N?", and what a search found.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, PROMPT_MAX_CHARS, Prompt, Reading, Screen, keymap};

impl App {
    /// A bracketed paste: text for the open search prompt, never keys.
    /// Outside a prompt, a paste of commands is more likely a slip than a
    /// wish, so it only says how to search for it.
    pub(super) fn paste(&mut self, text: &str) {
        match &mut self.prompt {
            Some(Prompt::Search(typed)) => {
                let text = text.replace("\r\n", " ").replace(['\r', '\n', '\t'], " ");
                let room = PROMPT_MAX_CHARS.saturating_sub(typed.chars().count());
                typed.extend(crate::safe::strip(&text).chars().take(room));
            }
            Some(Prompt::ConfirmRemove(_)) => {
                self.prompt = None;
                self.message = Some(self.lang.t("ui.kept").to_string());
            }
            None => {
                self.message = Some(self.lang.t("ui.paste_ignored").to_string());
            }
        }
    }

    pub(super) fn prompt_key(&mut self, key: KeyEvent) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        match prompt {
            Prompt::ConfirmRemove(id) => {
                let id = *id;
                self.prompt = None;
                let yes = matches!(key.code, KeyCode::Char(c) if keymap::latin_equivalent(c).unwrap_or(c) == 'y');
                if yes {
                    self.remove_bookmark(id);
                } else {
                    self.message = Some(self.lang.t("ui.kept").to_string());
                }
            }
            Prompt::Search(text) => match key.code {
                KeyCode::Esc => self.prompt = None,
                KeyCode::Enter => {
                    let query = std::mem::take(text);
                    self.prompt = None;
                    self.search(&query);
                    if query.chars().count() >= PROMPT_MAX_CHARS {
                        let said = self.message.take().unwrap_or_default();
                        let count = self.lang.digits(&PROMPT_MAX_CHARS.to_string()).into_owned();
                        self.message = Some(
                            self.lang
                                .f("ui.search.cut", &[("count", &count), ("said", &said)]),
                        );
                    }
                }
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c)
                    if !crate::safe::is_active(c)
                        && !c.is_control()
                        && !key.modifiers.contains(KeyModifiers::CONTROL)
                        && text.chars().count() < PROMPT_MAX_CHARS =>
                {
                    text.push(c);
                }
                _ => {}
            },
        }
    }

    fn search(&mut self, query: &str) {
        match self.screen {
            Screen::Library => {
                let (shown, count) = self.library.set_filter(query);
                self.message = (!query.is_empty()).then(|| {
                    let (shown, count) = (self.num(shown), self.num(count));
                    let args: [(&str, &dyn std::fmt::Display); 2] =
                        [("shown", &shown), ("count", &count)];
                    self.lang.f("ui.library.filtered", &args)
                });
            }
            _ => {
                if let Some(Reading { reader, .. }) = &mut self.reading {
                    if query.is_empty() {
                        reader.hits.clear();
                        reader.hit = None;
                        return;
                    }
                    let found = reader.search(query);
                    let lang = self.lang;
                    self.message = Some(match found {
                        0 => lang.f("ui.search.not_found", &[("query", &query)]),
                        1 => lang.t("ui.search.one").to_string(),
                        n => lang.f("ui.search.many", &[("count", &lang.digits(&n.to_string()))]),
                    });
                }
            }
        }
    }
}
