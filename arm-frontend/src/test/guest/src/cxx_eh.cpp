// C++ runtime: virtual calls, exceptions (thrown through 100 frames, from std::vector::at),
// iostreams, std::map/std::sort/std::function. libstdc++ calls futex even single-threaded.
#include <iostream>
#include <vector>
#include <map>
#include <string>
#include <algorithm>
#include <stdexcept>
#include <memory>
#include <sstream>
#include <functional>
#include <iomanip>
struct Base { virtual ~Base() {} virtual int f() const = 0; };
struct A : Base { int v; A(int v) : v(v) {} int f() const override { return v * 2; } };
struct B : Base { int f() const override { throw std::runtime_error("B::f failed"); } };
int depth(int n) { if (n == 0) throw 42; return depth(n - 1) + 1; }
int main(int argc, char** argv) {
  std::vector<std::unique_ptr<Base>> xs;
  for (int i = 0; i < 10; i++) { if (i % 4 == 3) xs.emplace_back(new B); else xs.emplace_back(new A(i)); }
  int sum = 0, errors = 0;
  for (auto& x : xs) { try { sum += x->f(); } catch (const std::exception& e) { errors++; std::cout << "caught: " << e.what() << "\n"; } }
  std::cout << "sum=" << sum << " errors=" << errors << "\n";
  try { depth(100); } catch (int v) { std::cout << "deep throw " << v << "\n"; }
  std::map<std::string, int> m;
  std::istringstream in("the quick brown fox jumps over the lazy dog the end");
  std::string w; while (in >> w) m[w]++;
  for (auto& [k, v] : m) std::cout << k << ":" << v << " ";
  std::cout << "\n";
  std::vector<double> d; for (int i = 0; i < 1000; i++) d.push_back((i * 7919) % 1000 / 7.0);
  std::sort(d.begin(), d.end(), std::greater<double>());
  std::cout << std::fixed << std::setprecision(6) << d[0] << " " << d[500] << " " << d[999] << "\n";
  std::function<long(int)> fib = [&](int n) -> long { return n < 2 ? n : fib(n-1) + fib(n-2); };
  std::cout << "fib(25)=" << fib(25) << "\n";
  try { std::vector<int> v(3); v.at(10) = 1; } catch (const std::out_of_range& e) { std::cout << "out_of_range\n"; }
  return errors;
}
