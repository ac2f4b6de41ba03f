//! Finding a category by the name written in a CSV cell, ignoring case: a sub-category's
//! name, a top-level one, or `Parent / Child` (also `Parent:Child`) when a name alone is
//! ambiguous. The export writes sub-categories as `Parent / Child`, so it imports back.

use std::collections::HashMap;

use uuid::Uuid;

use super::cells::quoted;
use crate::service::categories::Category;

/// The viewer's categories, indexed by lower-cased name.
pub(super) struct CategoryNames {
    by_name: HashMap<String, Vec<(Uuid, Option<Uuid>)>>,
    names: HashMap<Uuid, String>,
}

impl CategoryNames {
    pub(super) fn new(categories: &[Category]) -> Self {
        let mut by_name: HashMap<String, Vec<(Uuid, Option<Uuid>)>> = HashMap::new();
        for category in categories {
            by_name
                .entry(key(&category.name))
                .or_default()
                .push((category.id, category.parent_id));
        }
        let names = categories.iter().map(|c| (c.id, key(&c.name))).collect();
        Self { by_name, names }
    }

    /// The category this cell names; a message for the row error otherwise.
    pub(super) fn find(&self, cell: &str) -> Result<Uuid, String> {
        let cell = cell.trim();
        if let Some(id) = self.qualified(cell) {
            return Ok(id);
        }
        let matches = self.by_name.get(&key(cell)).map_or(&[][..], Vec::as_slice);
        match matches {
            [] => Err(format!("there is no category named {}", quoted(cell))),
            [(id, _)] => Ok(*id),
            several => {
                let top: Vec<_> = several.iter().filter(|(_, p)| p.is_none()).collect();
                match top.as_slice() {
                    [(id, _)] => Ok(*id),
                    _ => Err(format!(
                        "more than one category is named {}; write it as \"Parent / Child\"",
                        quoted(cell)
                    )),
                }
            }
        }
    }

    /// `Parent / Child` or `Parent:Child`, trying each separator position, since names may
    /// themselves contain `/` or `:`.
    fn qualified(&self, cell: &str) -> Option<Uuid> {
        let splits = cell
            .char_indices()
            .filter(|(_, c)| *c == '/' || *c == ':')
            .map(|(i, c)| (&cell[..i], &cell[i + c.len_utf8()..]));
        for (parent, child) in splits {
            let (parent, child) = (key(parent), key(child));
            let found = self.by_name.get(&child).and_then(|candidates| {
                candidates.iter().find(|(_, parent_id)| {
                    parent_id.and_then(|id| self.names.get(&id)) == Some(&parent)
                })
            });
            if let Some((id, _)) = found {
                return Some(*id);
            }
        }
        None
    }
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::categories::CategoryKind;

    fn category(name: &str, parent: Option<Uuid>) -> Category {
        Category {
            id: Uuid::now_v7(),
            parent_id: parent,
            name: name.to_owned(),
            kind: CategoryKind::Expense,
            position: 0,
        }
    }

    fn tree() -> (Vec<Category>, CategoryNames) {
        let food = category("Food", None);
        let travel = category("Travel", None);
        let categories = vec![
            category("Groceries", Some(food.id)),
            category("Other", Some(food.id)),
            category("Other", Some(travel.id)),
            category("Food", Some(travel.id)),
            food,
            travel,
        ];
        let names = CategoryNames::new(&categories);
        (categories, names)
    }

    #[test]
    fn a_unique_name_is_found_whatever_its_case() {
        let (categories, names) = tree();
        assert_eq!(names.find(" groceries "), Ok(categories[0].id));
    }

    #[test]
    fn an_ambiguous_sub_category_needs_its_parent() {
        let (categories, names) = tree();
        assert!(names.find("Other").unwrap_err().contains("Parent / Child"));
        assert_eq!(names.find("Food / Other"), Ok(categories[1].id));
        assert_eq!(names.find("travel:other"), Ok(categories[2].id));
    }

    #[test]
    fn a_top_level_name_wins_over_a_sub_category_of_the_same_name() {
        let (categories, names) = tree();
        assert_eq!(names.find("Food"), Ok(categories[4].id));
        assert_eq!(names.find("Travel / Food"), Ok(categories[3].id));
    }

    #[test]
    fn unknown_names_are_refused() {
        let (_, names) = tree();
        assert!(names.find("Rent").is_err());
        assert!(names.find("Food / Rent").is_err());
    }
}
