"""The rules, one module each (yamllint's model: the module is the rule, see ``base``),
listed in ``RULES``: what a check runs, and in this order.

To add a rule, write its module here (``ID``, ``check``, its docstring for staff, and
what of ``base.Rule`` it needs), add it to ``RULES``, give it a severity and a clause in
each policy file under ``generator/policies/``, and add a failing and a passing case to
``tests/check/rules/`` (a test fails for a rule without both). The README's section for
contributors has the steps.
"""

from __future__ import annotations

from generator.check.rules import (
    contact_domain,
    dates_ordered,
    decision_reported,
    dialogue_links,
    early_dialogue,
    feedback_complete,
    feedback_impact,
    feedback_overdue,
    ignored_file,
    influence_described,
    known_organisation,
    known_topic,
    ladder_allows_influence,
    participation_ways,
    personal_data,
    personal_identity_number,
    physical_time,
    placeholder_text,
    plain_language,
    planned_in_budget,
    political_board_decision,
    progress_updates,
    purpose_and_goal,
    required_page,
    resources_stated,
    responsible_person,
    safe_html,
    schema,
    special_consideration,
    target_groups_reached,
    unfilled_text,
    unique_slug,
)
from generator.check.rules.base import Context, Rule

RULES = (
    feedback_complete,
    feedback_impact,
    feedback_overdue,
    progress_updates,
    dialogue_links,
    known_organisation,
    known_topic,
    responsible_person,
    contact_domain,
    political_board_decision,
    participation_ways,
    physical_time,
    target_groups_reached,
    special_consideration,
    resources_stated,
    planned_in_budget,
    decision_reported,
    plain_language,
    placeholder_text,
    personal_data,
    purpose_and_goal,
    influence_described,
    ladder_allows_influence,
    early_dialogue,
    personal_identity_number,
    safe_html,
    schema,
    dates_ordered,
    ignored_file,
    unique_slug,
    required_page,
    unfilled_text,
)
REGISTRY: dict[str, Rule] = {rule.id: rule for rule in map(Rule.of, RULES)}

__all__ = ["REGISTRY", "RULES", "Context", "Rule"]
