import errno, os, tempfile
fd, path = tempfile.mkstemp(dir=os.getcwd())
try:
    try:
        os.setxattr(path, "user.probe", b"1")
    except OSError as e:
        if e.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            print("no user xattrs on this file system")
            raise SystemExit(0)
        raise
    os.setxattr(path, "user.comment", b"hello xattr")
    print(sorted(os.listxattr(path)))
    print(os.getxattr(path, "user.comment"))
    try:
        os.setxattr(path, "user.comment", b"x", os.XATTR_CREATE)
    except OSError as e:
        print("create:", errno.errorcode[e.errno])
    os.setxattr(path, "user.comment", b"replaced", os.XATTR_REPLACE)
    print(os.getxattr(path, "user.comment"))
    os.removexattr(path, "user.probe")
    print(os.listxattr(path))
    for name in ("user.missing", "security.selinux", "system.posix_acl_access"):
        try:
            os.getxattr(path, name)
        except OSError as e:
            print(name, errno.errorcode[e.errno])
    print(os.getxattr(fd, "user.comment"), os.listxattr(fd))
finally:
    os.close(fd)
    os.unlink(path)
