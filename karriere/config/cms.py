"""The web editor's settings: the `cms:` group of site.yaml (outputs/admin.py writes it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator, model_validator

from karriere.base.addresses import web_url_problem
from karriere.base.messages import say
from karriere.base.schema import Strict

if TYPE_CHECKING:
    pass


class CmsSettings(Strict):
    """Web-Editor Decap CMS unter /admin/."""

    backend: Literal["git-gateway", "github", "gitlab"] = Field(
        "git-gateway", description="Anbindung: git-gateway, github oder gitlab"
    )
    repo: str | None = Field(None, description="Repository, z. B. 'stadt/karriere'")
    branch: str = Field("main", description="Branch, in den der Editor schreibt")
    api_root: str | None = Field(
        None, description="Eigenes GitLab: API-Adresse, z. B. https://git.stadt.de/api/v4"
    )
    base_url: str | None = Field(
        None, description="Eigenes GitLab: Adresse für die Anmeldung, z. B. https://git.stadt.de"
    )
    auth_type: Literal["pkce", "implicit"] | None = Field(
        None, description="GitLab-Anmeldung ohne eigenen Server: pkce"
    )
    app_id: str | None = Field(None, description="GitLab: Application ID der OAuth-Anwendung")
    editorial_workflow: bool = Field(
        False, description="Entwürfe als Merge-/Pull-Requests zur Freigabe"
    )
    local_backend: bool = Field(
        False, description="Lokal ohne Anmeldung bearbeiten (mit 'npx decap-server')"
    )

    @field_validator("api_root", "base_url")
    @classmethod
    def _web(cls, value):
        reason = value and web_url_problem(
            value, say("e.g. {example}", example="https://git.stadt.de")
        )
        if reason:
            raise ValueError(reason)
        return value

    @model_validator(mode="after")
    def _repo_needed(self):
        if self.backend in ("github", "gitlab") and not self.repo:
            raise ValueError(
                say(
                    "backend {backend} needs repo (e.g. repo: stadt/karriere)", backend=self.backend
                )
            )
        return self
