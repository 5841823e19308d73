//! Colours and styles: a dark and a light theme, and no colour at all when
//! `NO_COLOR` is set (https://no-color.org): then only bold, italics,
//! underline and reverse video tell things apart.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub heading: Style,
    pub quote: Style,
    pub focused_quote: Style,
    pub bookmark: Style,
    pub hit: Style,
    pub selection: Style,
    pub status: Style,
    pub dim: Style,
    pub selected_item: Style,
    pub message: Style,
    /// Code blocks and inline code.
    pub code: Style,
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            text: Style::new(),
            heading: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
            quote: Style::new().fg(Color::Yellow),
            focused_quote: Style::new().fg(Color::Black).bg(Color::Yellow),
            bookmark: Style::new()
                .add_modifier(Modifier::UNDERLINED)
                .fg(Color::LightGreen),
            hit: Style::new().fg(Color::Black).bg(Color::Magenta),
            selection: Style::new().fg(Color::Black).bg(Color::LightBlue),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            dim: Style::new().fg(Color::DarkGray),
            selected_item: Style::new().fg(Color::Black).bg(Color::Cyan),
            message: Style::new().fg(Color::LightRed),
            code: Style::new().fg(Color::LightGreen).bg(Color::Indexed(236)),
        }
    }

    pub fn light() -> Theme {
        Theme {
            text: Style::new().fg(Color::Black),
            heading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            quote: Style::new().fg(Color::Rgb(150, 70, 0)),
            focused_quote: Style::new().fg(Color::White).bg(Color::Rgb(150, 70, 0)),
            bookmark: Style::new()
                .add_modifier(Modifier::UNDERLINED)
                .fg(Color::Green),
            hit: Style::new().fg(Color::White).bg(Color::Magenta),
            selection: Style::new().fg(Color::White).bg(Color::Blue),
            status: Style::new().fg(Color::White).bg(Color::DarkGray),
            dim: Style::new().fg(Color::Gray),
            selected_item: Style::new().fg(Color::White).bg(Color::Blue),
            message: Style::new().fg(Color::Red),
            code: Style::new()
                .fg(Color::Rgb(0, 90, 0))
                .bg(Color::Indexed(254)),
        }
    }

    /// Without colour: the same distinctions by attributes alone.
    pub fn monochrome() -> Theme {
        Theme {
            text: Style::new(),
            heading: Style::new().add_modifier(Modifier::BOLD),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            focused_quote: Style::new().add_modifier(Modifier::REVERSED),
            bookmark: Style::new().add_modifier(Modifier::UNDERLINED),
            hit: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            status: Style::new().add_modifier(Modifier::REVERSED),
            dim: Style::new().add_modifier(Modifier::DIM),
            selected_item: Style::new().add_modifier(Modifier::REVERSED),
            message: Style::new().add_modifier(Modifier::BOLD),
            code: Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// The theme for a config choice, honouring `NO_COLOR`.
    pub fn choose(light: bool, no_color: bool) -> Theme {
        match (no_color, light) {
            (true, _) => Theme::monochrome(),
            (false, true) => Theme::light(),
            (false, false) => Theme::dark(),
        }
    }
}
