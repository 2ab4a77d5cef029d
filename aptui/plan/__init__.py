"""Proposals of needs groups: the model of a barrette's period -> a solver -> a proposal -> one edit command.

    solver     the optimisation itself (HiGHS through highspy): places seekers in slots and pools
    wishes     what a student asks for: needs, profile, latest diagnostic -> ranked content types
    sources    the seekers and slots of a period, first groups (from the diagnostics) or the next period
               (from the bilans)
    proposal   runs the solver on a source and explains each placement (its ``motifs:`` reason)
    command    the proposal accepted: group files written through the edit layer, one commit
    text       the proposal in French lines (the CLI, the commit message)

Nothing here draws or asks: the TUI (``tui/dialogs/proposal.py``) and the CLI (``cli/proposer.py``)
render a ``Proposal`` and send back the pilote's pins and capacities.
"""
