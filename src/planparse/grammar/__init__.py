"""The grammar: what reads a single line or phrase of a plan.

Outline markers and numerals, line kinds, bracket groups, units and role words, time limits,
table headings, traditional→simplified folding.  The vocabulary is data in planparse.rules;
the pipeline's stages (extract, normalise, segment, annotate, emit) call the grammar, and
nothing here imports a stage.
"""
