package dynvm.translator.gdb;

/** What gdb asked one thread to do when it resumes: step or continue, with a signal to deliver (a Linux number; 0: none). */
record ResumeAction(boolean step, int signal) {
    /** Resume with thread id {@code tid} (0 or -1: every thread). */
    record ForThread(ResumeAction action, int tid) {
        boolean appliesTo(int id) { return tid == 0 || tid == -1 || tid == id; }
    }
}
