package spd.runtime.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import spd.runtime.base.RunException;

/**
 * The exclusive right to write a run directory, held for as long as a run (or a sweep) writes it: an
 * operating-system lock on the file {@value #FILE_NAME}, which holds the pid of its holder. The lock goes
 * with the process, so a run killed with {@code kill -9} leaves no stale lock; the file itself stays.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name in the directory. */
    public static final String FILE_NAME = "run.lock";

    /**
     * The directories this process holds. POSIX releases all of a process's locks on a file when it closes any
     * descriptor of it, so a second writer in this process must be turned away before it opens the file.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code directory} (which must exist), or explains who holds it.
     *
     * @param what what the directory is, for the message: "run directory", "sweep directory"
     * @throws RunException when another process (or another run in this one) holds it
     */
    public static RunLock acquire(Path directory, String what) {
        Path file = directory.resolve(FILE_NAME);
        Path key = realPath(directory);
        if (!HELD.add(key)) {
            throw busy(what, directory, Long.toString(ProcessHandle.current().pid()));
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            HELD.remove(key);
            throw new RunException("cannot create the lock file %s: %s".formatted(file, reason(e)), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            HELD.remove(key);
            closeQuietly(channel);
            throw new RunException("cannot lock %s: %s".formatted(file, e.getMessage()), e);
        }
        if (lock == null) {
            String holder = holder(channel);
            closeQuietly(channel);
            HELD.remove(key);
            throw busy(what, directory, holder);
        }
        try {
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            // The pid is only for messages; the lock itself is held.
        }
        return new RunLock(key, channel, lock);
    }

    private static RunException busy(String what, Path directory, String holder) {
        return new RunException(
                "the %s %s is being written by another spd run%s; wait for it to finish, or write to another directory"
                        .formatted(what, directory, holder.isEmpty() ? "" : " (pid " + holder + ")"));
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }

    /** Releases the lock (the file stays, so that a waiting writer never locks a deleted file). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it as well.
        }
        closeQuietly(channel);
        HELD.remove(key);
    }

    /** The pid the holder wrote, read through our own descriptor (opening another would be harmless but wasteful). */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int read = channel.read(buffer, 0);
            return read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                ? fs.getReason()
                : String.valueOf(e.getMessage());
    }
}
