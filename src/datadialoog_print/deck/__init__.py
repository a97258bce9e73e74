"""The deck: YAML files read once, validated, and turned into plain typed data (:mod:`.model`).

Nothing outside this package sees YAML. Importing it is light (no ReportLab, no pandas),
so ``check`` starts fast.
"""
