//! The seed's jump in Rust ("A Rusty Stack Jump"): a 48-byte Vec becomes a stack, hello's address at
//! aligned-16, then mov rsp, [ctx]; ret. It prints its own addresses first, for the tests to check
//! what the tracer saw. hello writes with a raw write(2): on a 48-byte stack println! has no room.
//! Build: rustc -C opt-level=0 seed_jump.rs (debug), rustc -O seed_jump.rs (release)
use std::arch::asm;
use std::io::Write;

const SSIZE: isize = 48;

#[derive(Debug, Default)]
#[repr(C)]
struct ThreadContext {
    rsp: u64,
}

#[inline(never)]
fn hello() -> ! {
    const MESSAGE: &[u8] = b"I LOVE WAKING UP ON A NEW STACK!\n";
    unsafe {
        asm!("syscall", in("rax") 1, in("rdi") 1, in("rsi") MESSAGE.as_ptr(), in("rdx") MESSAGE.len(),
             lateout("rcx") _, lateout("r11") _, options(nostack));
    }
    loop {}
}

#[inline(never)]
unsafe fn gt_switch(new: *const ThreadContext) {
    asm!("mov rsp, [{0} + 0x00]", "ret", in(reg) new);
}

fn main() {
    let mut ctx = ThreadContext::default();
    let mut stack = vec![0_u8; SSIZE as usize];
    unsafe {
        let stack_bottom = stack.as_mut_ptr().offset(SSIZE);
        let sb_aligned = (stack_bottom as usize & !15) as *mut u8;
        let entry = hello as fn() -> ! as u64;
        std::ptr::write(sb_aligned.offset(-16) as *mut u64, entry);
        ctx.rsp = sb_aligned.offset(-16) as u64;
        println!("hello {:#x}\nrsp {:#x}\nbuffer {:#x}", entry, ctx.rsp, stack.as_ptr() as usize);
        std::io::stdout().flush().unwrap();
        gt_switch(&mut ctx);
    }
}
