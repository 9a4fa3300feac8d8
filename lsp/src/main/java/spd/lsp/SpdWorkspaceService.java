package spd.lsp;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Workspace events: a changed file on disk may be imported by an open document, so every open one is rechecked. */
final class SpdWorkspaceService implements WorkspaceService {
    private final Workspace workspace;

    SpdWorkspaceService(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // spd has no settings yet.
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        workspace.recheckAll();
    }
}
